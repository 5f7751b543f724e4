namespace ConvSharp.Binary;

/// <summary>How <see cref="BinaryConv2D"/> computes: output size, anchor, stride, dilation, binary padding, algorithm.</summary>
public sealed record BinaryConv2DOptions
{
    /// <summary>Defaults: Same, centred anchor, stride 1, dilation 1, <see cref="BinaryPadding.Zero"/>, Auto.</summary>
    public static BinaryConv2DOptions Default { get; } = new();

    /// <summary><see cref="OutputSize.Same"/> (default) or <see cref="OutputSize.Valid"/>.</summary>
    public OutputSize Size { get; init; } = OutputSize.Same;

    /// <summary>The kernel tap that lands on an output sample (Same only); null centres it, as in Conv2D.</summary>
    public (int Y, int X)? Anchor { get; init; }

    /// <summary>Output step in input pixels (rows, columns).</summary>
    public (int Y, int X) Stride { get; init; } = (1, 1);

    /// <summary>Spacing between kernel taps (rows, columns).</summary>
    public (int Y, int X) Dilation { get; init; } = (1, 1);

    /// <summary>What taps outside the image contribute (default <see cref="BinaryPadding.Zero"/>).</summary>
    public BinaryPadding Padding { get; init; } = BinaryPadding.Zero;

    /// <summary>"Auto" (default) or a binary algorithm's name (<see cref="BinaryConv2D.Algorithms"/>).</summary>
    public string Algorithm { get; init; } = "Auto";
}
