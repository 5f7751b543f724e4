using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ConvSharp;

/// <summary>Parses the canonical problem string that <see cref="Conv2DProblem.ToString"/> writes.</summary>
internal static partial class ProblemStringParser
{
    [GeneratedRegex(
        @"^h(?<h>\d+)w(?<w>\d+)_k(?<kh>\d+)x(?<kw>\d+)(?<conv>_conv)?_(?<size>full|same|valid)_(?<border>constant[^_]+|replicate|reflect101|reflect|wrap)(_a(?<ay>\d+)x(?<ax>\d+))?_s(?<s>\d+(x\d+)?)_d(?<d>\d+(x\d+)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static Conv2DProblem Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = Pattern().Match(text);
        if (!m.Success) throw new FormatException($"'{text}' is not a canonical problem string such as h1024w1024_k3x3_same_constant0_s1_d1.");

        string borderText = m.Groups["border"].Value;
        Border border = borderText switch
        {
            "replicate" => Border.Replicate,
            "reflect" => Border.Reflect,
            "reflect101" => Border.Reflect101,
            "wrap" => Border.Wrap,
            _ => Border.Constant(float.Parse(borderText.AsSpan("constant".Length), NumberStyles.Float, CultureInfo.InvariantCulture)),
        };
        var options = new Conv2DOptions
        {
            Kind = m.Groups["conv"].Success ? ConvolutionKind.Convolution : ConvolutionKind.Correlation,
            Size = m.Groups["size"].Value switch { "full" => OutputSize.Full, "valid" => OutputSize.Valid, _ => OutputSize.Same },
            Border = border,
            Anchor = m.Groups["ay"].Success ? (Int(m.Groups["ay"].Value), Int(m.Groups["ax"].Value)) : null,
            Stride = PairOf(m.Groups["s"].Value),
            Dilation = PairOf(m.Groups["d"].Value),
        };
        return Conv2DProblem.Create(Int(m.Groups["h"].Value), Int(m.Groups["w"].Value), Int(m.Groups["kh"].Value), Int(m.Groups["kw"].Value), options);
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    private static (int, int) PairOf(string s)
    {
        int x = s.IndexOf('x', StringComparison.Ordinal);
        return x < 0 ? (Int(s), Int(s)) : (Int(s[..x]), Int(s[(x + 1)..]));
    }
}
