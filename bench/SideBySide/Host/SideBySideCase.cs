using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvSharp.SideBySide;

/// <summary>
/// One problem the two builds run: an n × n image, a k × k kernel (seeded random, or a Gaussian of that σ), one
/// algorithm; or, with <see cref="Layer"/>, a layer of that shape through one layer algorithm.
/// </summary>
internal sealed record SideBySideCase(string Name, string Algorithm, int Size, int KernelSize, double GaussianSigma = 0, LayerShape? Layer = null)
{
    /// <summary>The seed and kernels suites' 1024² problems (3×3 to 11×11), and two small ones where a call's fixed cost shows.</summary>
    public static SideBySideCase[] Defaults { get; } =
    [
        new("tiny64", "Stencil", 64, 3), new("tiny64", "Simd", 64, 3),
        new("small256", "Stencil", 256, 3), new("small256", "Simd", 256, 5),
        new("random3", "Stencil", 1024, 3), new("random5", "Stencil", 1024, 5), new("random7", "Stencil", 1024, 7),
        new("random3", "Simd", 1024, 3), new("random5", "Simd", 1024, 5), new("random7", "Simd", 1024, 7),
        new("random9", "Simd", 1024, 9), new("random11", "Simd", 1024, 11),
    ];

    /// <summary>
    /// The separable suite's Gaussians on 2048² through Separable, and gauss15 on 512² and 1024² (planes that stay in L2
    /// or L3): run only when named (<c>gauss15/Separable</c>, <c>gauss15at512/Separable</c>, ...).
    /// </summary>
    public static SideBySideCase[] Separable { get; } =
    [
        new("gauss7", "Separable", 2048, 7, 1.5), new("gauss15", "Separable", 2048, 15, 3), new("gauss31", "Separable", 2048, 31, 6),
        new("gauss15at512", "Separable", 512, 15, 3), new("gauss15at1024", "Separable", 1024, 15, 3),
    ];

    /// <summary>
    /// The layers suite's dense and depthwise cases through the algorithm Auto takes for them, and channels-last
    /// pw512, dw32 and vgg64 (<c>pw512nhwc/Pointwise</c>, <c>dw32nhwc/Planes</c>, <c>vgg64nhwc/Winograd</c>): run only when named, and the driver is then built with the layer.
    /// </summary>
    public static SideBySideCase[] Layers { get; } =
    [
        LayerCase("vgg64", "Winograd", new LayerShape(1, 64, 56, 64, 3, 1, 1)),
        LayerCase("resnet256", "Winograd", new LayerShape(1, 256, 14, 256, 3, 1, 1)),
        LayerCase("pw512", "Pointwise", new LayerShape(1, 512, 28, 128, 1, 0, 1)),
        LayerCase("pw512nhwc", "Pointwise", new LayerShape(1, 512, 28, 128, 1, 0, 1, ChannelsLast: true)),
        LayerCase("dw32", "Planes", new LayerShape(1, 32, 112, 32, 3, 1, 32)),
        LayerCase("dw32nhwc", "Planes", new LayerShape(1, 32, 112, 32, 3, 1, 32, ChannelsLast: true)),
        LayerCase("vgg64nhwc", "Winograd", new LayerShape(1, 64, 56, 64, 3, 1, 1, ChannelsLast: true)),
        LayerCase("batch8", "Winograd", new LayerShape(8, 64, 56, 64, 3, 1, 1)),
    ];

    /// <summary>The binary suite's XNOR layers (256 → 256, 3 × 3, padding 1) through <c>xnor-csa</c>: run only when named (<c>layer28/xnor-csa</c>, <c>layer14/xnor-csa</c>).</summary>
    public static SideBySideCase[] BinaryLayers { get; } =
    [
        LayerCase("layer28", "xnor-csa", new LayerShape(1, 256, 28, 256, 3, 1, 1, Binary: true)),
        LayerCase("layer14", "xnor-csa", new LayerShape(1, 256, 14, 256, 3, 1, 1, Binary: true)),
    ];

    /// <summary>The cases a run takes: <see cref="Defaults"/>, or those of every list named in <paramref name="only"/> (comma-separated keys).</summary>
    public static IEnumerable<SideBySideCase> Select(string? only) =>
        only is null ? Defaults : Defaults.Concat(Separable).Concat(Layers).Concat(BinaryLayers).Where(c => only.Split(',').Contains(c.Key));

    private static SideBySideCase LayerCase(string name, string algorithm, LayerShape shape) => new(name, algorithm, shape.Size, shape.Kernel, Layer: shape);

    /// <summary>The kernel's k² weights: the Gaussian (unnormalised: the scale does not change the time) or seeded random ones.</summary>
    public float[] Kernel(Random random)
    {
        var weights = new float[KernelSize * KernelSize];
        int c = KernelSize / 2;
        for (int i = 0; i < KernelSize; i++)
        {
            for (int j = 0; j < KernelSize; j++)
            {
                weights[(i * KernelSize) + j] = GaussianSigma > 0
                    ? (float)Math.Exp(-(((i - c) * (i - c)) + ((j - c) * (j - c))) / (2 * GaussianSigma * GaussianSigma))
                    : (float)random.NextDouble();
            }
        }

        return weights;
    }

    /// <summary>The key the combine step matches two runs' rows by.</summary>
    public string Key => Name + "/" + Algorithm;
}
