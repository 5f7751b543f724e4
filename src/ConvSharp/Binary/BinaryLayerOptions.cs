using ConvSharp.Layers;

namespace ConvSharp.Binary;

/// <summary>How a <see cref="BinaryConv2DLayer"/> convolves: the layer's stride, padding and dilation, and what padded taps contribute.</summary>
public sealed record BinaryLayerOptions
{
    /// <summary>Defaults: stride 1, dilation 1, no padding, <see cref="BinaryPadding.Zero"/>, Auto.</summary>
    public static BinaryLayerOptions Default { get; } = new();

    /// <summary>Output step (rows, columns).</summary>
    public (int Y, int X) Stride { get; init; } = (1, 1);

    /// <summary>Tap spacing (rows, columns).</summary>
    public (int Y, int X) Dilation { get; init; } = (1, 1);

    /// <summary>Explicit, Same (TensorFlow's) or Valid, as <see cref="Conv2DLayerOptions.Padding"/>.</summary>
    public LayerPadding Padding { get; init; } = LayerPadding.Valid;

    /// <summary>What a padded tap contributes to the count (default <see cref="BinaryPadding.Zero"/>: nothing).</summary>
    public BinaryPadding BinaryPadding { get; init; } = BinaryPadding.Zero;

    /// <summary>"Auto" (default), "xnor-bgemm" or "Reference".</summary>
    public string Algorithm { get; init; } = "Auto";
}
