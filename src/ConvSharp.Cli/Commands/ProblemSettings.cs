using System;
using System.ComponentModel;
using System.Globalization;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary>
/// The library's problem options, one command-line option each, with the library's spellings, shared by
/// <c>convolve</c>, <c>profile</c> and <c>bench</c>. <c>--size</c> always means the output size (same, valid, full); the
/// side of the built-in image is <c>--image-size</c> wherever a command has one.
/// </summary>
public class ProblemSettings : CommandSettings
{
    /// <summary>correlate (default) or convolve.</summary>
    [CommandOption("--mode <MODE>")]
    [Description("correlate (default) or convolve (kernel flipped, as scipy.signal.convolve2d)")]
    public string Mode { get; init; } = "correlate";

    /// <summary>same (default), valid or full.</summary>
    [CommandOption("--size <SIZE>")]
    [Description("Output size: same (default), valid or full")]
    public string Size { get; init; } = "same";

    /// <summary>The border mode.</summary>
    [CommandOption("--border <BORDER>")]
    [Description("constant (default), replicate, reflect, reflect101 or wrap")]
    public string Border { get; init; } = "constant";

    /// <summary>The constant border's fill value.</summary>
    [CommandOption("--border-value <V>")]
    [Description("Fill value for --border constant (default 0)")]
    public string BorderValue { get; init; } = "0";

    /// <summary>Y,X.</summary>
    [CommandOption("--anchor <Y,X>")]
    [Description("Kernel position that lands on the output sample (Same only); default centres Same on Full")]
    public string? Anchor { get; init; }

    /// <summary>SY,SX.</summary>
    [CommandOption("--stride <SY,SX>")]
    [Description("Output step in input pixels (default 1,1)")]
    public string Stride { get; init; } = "1,1";

    /// <summary>DY,DX.</summary>
    [CommandOption("--dilation <DY,DX>")]
    [Description("Spacing between kernel taps (default 1,1)")]
    public string Dilation { get; init; } = "1,1";

    /// <summary>Thread cap.</summary>
    [CommandOption("--threads <N>")]
    [Description("Most threads to use (default: all cores)")]
    public int? Threads { get; init; }

    /// <summary>Parses every option into library options; a malformed value is a <see cref="CliException"/> naming the option.</summary>
    public Conv2DOptions ToOptions() => new()
    {
        Kind = Mode.ToLowerInvariant() switch
        {
            "correlate" => ConvolutionKind.Correlation,
            "convolve" => ConvolutionKind.Convolution,
            _ => throw new CliException($"--mode '{Mode}' is not correlate or convolve"),
        },
        Size = ParseSize(Size),
        Border = ParseBorder(Border, BorderValue),
        Anchor = Anchor is null ? null : Pair(Anchor, "--anchor", allowZero: true),
        Stride = Pair(Stride, "--stride", allowZero: false),
        Dilation = Pair(Dilation, "--dilation", allowZero: false),
        Algorithm = ChosenAlgorithm(),
        MaxDegreeOfParallelism = ParseThreads(Threads),
    };

    /// <summary>The algorithm the command runs: Auto unless a derived command takes <c>--algorithm</c>.</summary>
    protected virtual string ChosenAlgorithm() => "Auto";

    internal static OutputSize ParseSize(string text) => text.ToLowerInvariant() switch
    {
        "same" => OutputSize.Same,
        "valid" => OutputSize.Valid,
        "full" => OutputSize.Full,
        _ => throw new CliException($"--size '{text}' is not same, valid or full"),
    };

    internal static Border ParseBorder(string text, string value)
    {
        if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float fill))
            throw new CliException($"--border-value '{value}' is not a number");
        return text.ToLowerInvariant() switch
        {
            "constant" => ConvSharp.Border.Constant(fill),
            "replicate" => ConvSharp.Border.Replicate,
            "reflect" => ConvSharp.Border.Reflect,
            "reflect101" => ConvSharp.Border.Reflect101,
            "wrap" => ConvSharp.Border.Wrap,
            _ => throw new CliException($"--border '{text}' is not constant, replicate, reflect, reflect101 or wrap"),
        };
    }

    internal static string ParseAlgorithm(string text)
    {
        if (string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase)) return "Auto";
        if (Conv2D.FindAlgorithm(text) is { } algorithm) return algorithm.Name;
        throw new CliException($"--algorithm '{text}' is not auto or one of: {string.Join(", ", System.Linq.Enumerable.Select(Conv2D.Algorithms, a => a.Name.ToLowerInvariant()))}");
    }

    internal static int ParseThreads(int? threads) => threads switch
    {
        null => -1,
        >= 1 => threads.Value,
        _ => throw new CliException($"--threads {threads} must be at least 1"),
    };

    internal static (int Y, int X) Pair(string text, string option, bool allowZero)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 1) parts = [parts[0], parts[0]];
        if (parts.Length != 2 ||
            !int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int y) ||
            !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int x))
            throw new CliException($"{option} '{text}' is not two integers Y,X");
        if (!allowZero && (y < 1 || x < 1)) throw new CliException($"{option} {text}: both values must be at least 1");
        return (y, x);
    }
}
