using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvSharp.SideBySide;

/// <summary>One problem the two builds run: an n × n image, a k × k kernel (seeded random, or a Gaussian of that σ), one algorithm.</summary>
internal sealed record SideBySideCase(string Name, string Algorithm, int Size, int KernelSize, double GaussianSigma = 0)
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

    /// <summary>The cases a run takes: <see cref="Defaults"/>, or those of every list named in <paramref name="only"/> (comma-separated keys).</summary>
    public static IEnumerable<SideBySideCase> Select(string? only) =>
        only is null ? Defaults : Defaults.Concat(Separable).Where(c => only.Split(',').Contains(c.Key));

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
