using ConvSharp.Layers;

namespace ConvSharp.Cli.Bench;

/// <summary>One case of <c>--suite layers</c>: a layer shape with zero padding, NCHW.</summary>
/// <param name="Name">The case's name (<c>seed1ch</c>, <c>vgg64</c>, ...).</param>
/// <param name="Batch">N.</param>
/// <param name="Channels">C.</param>
/// <param name="Size">H = W.</param>
/// <param name="Outputs">O.</param>
/// <param name="Kernel">kh = kw.</param>
/// <param name="Padding">On every side.</param>
/// <param name="Groups">Groups (C for depthwise).</param>
public sealed record LayerBenchCase(string Name, int Batch, int Channels, int Size, int Outputs, int Kernel, int Padding, int Groups) : ISuiteCase
{
    /// <summary>The layer's options.</summary>
    public Conv2DLayerOptions Options { get; } = OptionsFor(Padding, Groups);

    /// <summary>The resolved layer problem.</summary>
    public Conv2DLayerProblem Problem { get; } = Conv2DLayerProblem.Create(Batch, Channels, Size, Size, Outputs, Kernel, Kernel, OptionsFor(Padding, Groups));

    /// <inheritdoc/>
    string ISuiteCase.Problem => $"{Name}_{Problem}";

    /// <inheritdoc/>
    public double Flops => 2.0 * Problem.MultiplyAdds;

    /// <summary>Depthwise layers (few flops per byte, bound by memory): input, output and weights once, in bytes; null for the others.</summary>
    public double? Bytes => Groups == Channels && Groups > 1 ? 4.0 * (Problem.InputLength + Problem.OutputLength + Problem.WeightLength) : null;

    /// <summary>The cases: the notebook's single channel, VGG and ResNet 3×3 layers, a pointwise, a depthwise, a batch of 8.</summary>
    public static LayerBenchCase[] Suite =>
    [
        new("seed1ch", 1, 1, 1024, 1, 3, 1, 1),
        new("vgg64", 1, 64, 56, 64, 3, 1, 1),
        new("resnet256", 1, 256, 14, 256, 3, 1, 1),
        new("pw512", 1, 512, 28, 128, 1, 0, 1),
        new("dw32", 1, 32, 112, 32, 3, 1, 32),
        new("batch8", 8, 64, 56, 64, 3, 1, 1),
    ];

    private static Conv2DLayerOptions OptionsFor(int padding, int groups) => new() { Padding = LayerPadding.Symmetric(padding), Groups = groups };
}
