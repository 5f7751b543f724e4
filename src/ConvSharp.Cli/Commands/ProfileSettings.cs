using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary>Options of <c>convsharp profile</c>.</summary>
public sealed class ProfileSettings : AlgorithmSettings
{
    /// <summary>Kernel text.</summary>
    [CommandOption("-k|--kernel <K>")]
    [Description("Kernel (default random:3:2026), any form convolve accepts")]
    public string Kernel { get; init; } = "random:3:2026";

    /// <summary>Input file.</summary>
    [CommandOption("--image <FILE>")]
    [Description("Image or .npy input instead of the built-in image")]
    public string? Image { get; init; }

    /// <summary>Built-in image side.</summary>
    [CommandOption("--image-size <N>")]
    [Description("Side of the built-in square image (default 1024)")]
    public int ImageSize { get; init; } = 1024;

    /// <summary>Padding of the binary algorithms.</summary>
    [CommandOption("--binary-padding <P>")]
    [Description("For --algorithm xnor-seed or xnor-bitsliced: zero (default), minus-one (the notebook's) or plus-one")]
    public string BinaryPadding { get; init; } = "zero";

    /// <summary>JSON output.</summary>
    [CommandOption("--json <FILE>")]
    [Description("Write the stage timings as JSON")]
    public string? Json { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        string.Equals(Algorithm, "auto", System.StringComparison.OrdinalIgnoreCase) || !string.IsNullOrWhiteSpace(Algorithm)
            ? ValidationResult.Success()
            : ValidationResult.Error("--algorithm is required");
}
