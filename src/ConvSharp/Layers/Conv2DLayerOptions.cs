namespace ConvSharp.Layers;

/// <summary>How a <see cref="Conv2DLayer"/> convolves: PyTorch's <c>torch.nn.Conv2d</c> arguments, plus the layout and the algorithm.</summary>
public sealed record Conv2DLayerOptions
{
    /// <summary>Defaults: stride 1, dilation 1, no padding, zeros, one group, NCHW, Auto.</summary>
    public static Conv2DLayerOptions Default { get; } = new();

    /// <summary>Output step in input pixels (rows, columns); each at least 1.</summary>
    public (int Y, int X) Stride { get; init; } = (1, 1);

    /// <summary>Spacing between kernel taps (rows, columns); each at least 1.</summary>
    public (int Y, int X) Dilation { get; init; } = (1, 1);

    /// <summary>Explicit, <see cref="LayerPadding.Same"/> or <see cref="LayerPadding.Valid"/> (default).</summary>
    public LayerPadding Padding { get; init; } = LayerPadding.Valid;

    /// <summary>What the padding reads (default zeros).</summary>
    public LayerPaddingMode PaddingMode { get; init; } = LayerPaddingMode.Zeros;

    /// <summary>Input-channel groups: C and O must both divide by it; C groups with C = O is depthwise.</summary>
    public int Groups { get; init; } = 1;

    /// <summary>The layout of the input and output (default NCHW); the weights are always O × C/groups × kh × kw.</summary>
    public TensorLayout Layout { get; init; } = TensorLayout.Nchw;

    /// <summary>
    /// The error Auto accepts from a Bounded algorithm (Winograd), per unit of Σ|w|·max|x|: it takes one only where its
    /// <see cref="LayerAlgorithm.ErrorBound"/> is at most this. Default 2⁻⁸ (about 0.004, bfloat16's resolution; the bound
    /// is a worst case, and the errors measured on random data are some 10⁴ times smaller). 0 keeps Auto to exact
    /// algorithms. A named <see cref="Algorithm"/> runs whatever its bound.
    /// </summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>The default <see cref="Tolerance"/>, 2⁻⁸.</summary>
    public const double DefaultTolerance = 1.0 / 256;

    /// <summary>"Auto" (default) or a layer algorithm's name (see <see cref="Conv2DLayer.Algorithms"/>).</summary>
    public string Algorithm { get; init; } = "Auto";
}
