using System;
using System.Linq;
using ConvSharp.Binary;

namespace ConvSharp.Cli.Commands;

/// <summary>The problem options as XNOR-Net's (<see cref="BinaryConv2DOptions"/>), for <c>convolve --binary</c> and <c>profile --algorithm xnor-…</c>.</summary>
internal static class BinaryOptions
{
    /// <summary>True for the name of a binary algorithm (<c>xnor-seed</c>, <c>xnor-bitsliced</c>).</summary>
    public static bool IsBinaryAlgorithm(string name) =>
        BinaryConv2D.Algorithms.Any(a => a.Name.StartsWith("xnor", StringComparison.Ordinal) && string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Parses the options; the float options that do not apply (convolution mode, a border, Full size) are refused in one
    /// line naming them.
    /// </summary>
    public static BinaryConv2DOptions Parse(ProblemSettings settings, string padding, string algorithm)
    {
        if (!string.Equals(settings.Mode, "correlate", StringComparison.OrdinalIgnoreCase)) throw new CliException("--binary correlates; --mode convolve does not apply");
        if (!string.Equals(settings.Border, "constant", StringComparison.OrdinalIgnoreCase) || settings.BorderValue != "0")
            throw new CliException("--binary pads by --binary-padding (zero, minus-one, plus-one); --border and --border-value do not apply");
        var size = ProblemSettings.ParseSize(settings.Size);
        if (size == OutputSize.Full) throw new CliException("--binary computes Same or Valid outputs; --size full does not apply");
        return new BinaryConv2DOptions
        {
            Size = size,
            Anchor = settings.Anchor is null ? null : ProblemSettings.Pair(settings.Anchor, "--anchor", allowZero: true),
            Stride = ProblemSettings.Pair(settings.Stride, "--stride", allowZero: false),
            Dilation = ProblemSettings.Pair(settings.Dilation, "--dilation", allowZero: false),
            Padding = ParsePadding(padding),
            Algorithm = string.Equals(algorithm, "auto", StringComparison.OrdinalIgnoreCase) ? "Auto"
                : BinaryConv2D.Algorithms.FirstOrDefault(a => string.Equals(a.Name, algorithm, StringComparison.OrdinalIgnoreCase))?.Name
                  ?? throw new CliException($"--algorithm '{algorithm}' is not auto or a binary algorithm: {string.Join(", ", BinaryConv2D.Algorithms.Select(a => a.Name.ToLowerInvariant()))}"),
        };
    }

    /// <summary><c>--binary-padding</c>: zero, minus-one or plus-one.</summary>
    public static BinaryPadding ParsePadding(string text) => text.ToLowerInvariant() switch
    {
        "zero" => BinaryPadding.Zero,
        "minus-one" => BinaryPadding.MinusOne,
        "plus-one" => BinaryPadding.PlusOne,
        _ => throw new CliException($"--binary-padding '{text}' is not zero, minus-one or plus-one"),
    };

    /// <summary>Refuses a <c>--binary-padding</c> other than the default where no binary algorithm runs (<paramref name="when"/> says when it applies).</summary>
    public static void RequireDefaultPadding(string text, string when)
    {
        if (!string.Equals(text, "zero", StringComparison.OrdinalIgnoreCase)) throw new CliException($"--binary-padding applies {when} only");
    }
}
