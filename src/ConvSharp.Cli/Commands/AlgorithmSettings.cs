using System.ComponentModel;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary>The problem options plus <c>--algorithm</c>, for the commands that run one algorithm (convolve, profile).</summary>
public class AlgorithmSettings : ProblemSettings
{
    /// <summary>auto or a registered name.</summary>
    [CommandOption("--algorithm <NAME>")]
    [Description("auto (default) or a registered algorithm (see convsharp info)")]
    public string Algorithm { get; init; } = "auto";

    /// <inheritdoc/>
    protected override string ChosenAlgorithm() => ParseAlgorithm(Algorithm);
}
