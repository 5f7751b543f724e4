using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvSharp.Tests.Infrastructure;

/// <summary>
/// The conformance table: sizes 1..70 with every remainder around 16 and 32 lanes, kernels 1..9 odd, even and
/// non-square, every kind × output size × border, explicit anchors, strides 1..3, dilations 1..3, and the edge cases
/// (1×1 image, kernel equal to the image, single rows and columns, very wide and very tall images).
/// </summary>
public static class ConformanceTable
{
    private static readonly int[] Widths = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, 70];
    private static readonly (int, int)[] Kernels = [(1, 1), (2, 2), (3, 3), (4, 3), (1, 5), (5, 1), (5, 5), (7, 7), (9, 9), (2, 6), (3, 8), (6, 4)];
    private static readonly Border[] Borders = [Border.Constant(0), Border.Constant(1.5f), Border.Replicate, Border.Reflect, Border.Reflect101, Border.Wrap];

    public static IReadOnlyList<ConformanceCase> Cases { get; } = Build();

    private static List<ConformanceCase> Build()
    {
        var random = new Random(2026_11_25);
        var cases = new List<ConformanceCase>();
        void Add(int h, int w, int kh, int kw, Conv2DOptions options, int extraPitch = 0)
        {
            var problem = Conv2DProblem.Create(h, w, kh, kw, options);
            cases.Add(new ConformanceCase(problem.ToString(), cases.Count, extraPitch));
        }

        // Every row-width remainder, at several heights, for the common kernels (and 5x5 / 7x7 for the stencil).
        foreach (int w in Widths)
        {
            foreach (int h in new[] { 1, 3, 6, 17 })
            {
                foreach (int k in new[] { 3, 5, 7 })
                    Add(h, w, k, k, new Conv2DOptions { Border = Borders[(w + h + k) % Borders.Length] }, extraPitch: (w + h) % 3 == 0 ? 3 : 0);
            }
        }

        // Every kind x output size x border x kernel shape, at random sizes large enough for Valid.
        foreach (var kind in Enum.GetValues<ConvolutionKind>())
        foreach (var size in Enum.GetValues<OutputSize>())
        foreach (var border in Borders)
        foreach (var (kh, kw) in Kernels)
        {
            int h = random.Next(kh, 71), w = random.Next(kw, 71);
            Add(h, w, kh, kw, new Conv2DOptions { Kind = kind, Size = size, Border = border }, extraPitch: random.Next(3) == 0 ? 5 : 0);
        }

        // Explicit anchors: every position of a few kernels, with and without dilation.
        foreach (var (kh, kw, d) in new[] { (3, 3, 1), (2, 4, 1), (3, 2, 2) })
        {
            int extentY = (kh - 1) * d + 1, extentX = (kw - 1) * d + 1;
            for (int ay = 0; ay < extentY; ay++)
            for (int ax = 0; ax < extentX; ax++)
            {
                var border = Borders[(ay * 7 + ax) % Borders.Length];
                Add(random.Next(1, 40), random.Next(1, 70), kh, kw, new Conv2DOptions { Anchor = (ay, ax), Dilation = (d, d), Border = border, Kind = (ay + ax) % 2 == 0 ? ConvolutionKind.Correlation : ConvolutionKind.Convolution });
            }
        }

        // Strides and dilations 1..3 on each axis, across output sizes and borders.
        for (int sy = 1; sy <= 3; sy++)
        for (int sx = 1; sx <= 3; sx++)
        for (int dy = 1; dy <= 3; dy++)
        for (int dx = 1; dx <= 3; dx++)
        {
            var (kh, kw) = Kernels[random.Next(Kernels.Length)];
            var size = (OutputSize)random.Next(3);
            int minH = (kh - 1) * dy + 1, minW = (kw - 1) * dx + 1;
            Add(random.Next(minH, 71), random.Next(minW, 71), kh, kw, new Conv2DOptions
            {
                Size = size,
                Border = Borders[random.Next(Borders.Length)],
                Kind = (ConvolutionKind)random.Next(2),
                Stride = (sy, sx),
                Dilation = (dy, dx),
            });
        }

        // Wide kernels on rows wide enough for the row pass's four-vector blocks on every tier: 15 and 31 taps are the
        // widths whose mirrored rows Separable folds on AVX2 and AVX-512 (7 on the Vector128 tier, above).
        Add(23, 150, 15, 15, new Conv2DOptions { Border = Border.Constant(0) });
        Add(29, 143, 15, 15, new Conv2DOptions { Border = Border.Reflect101, Kind = ConvolutionKind.Convolution }, extraPitch: 3);
        Add(40, 160, 31, 31, new Conv2DOptions { Border = Border.Replicate });
        Add(35, 170, 31, 31, new Conv2DOptions { Border = Border.Wrap, Size = OutputSize.Valid });

        // Edge cases.
        foreach (var size in Enum.GetValues<OutputSize>())
        foreach (var border in Borders)
        {
            Add(1, 1, 1, 1, new Conv2DOptions { Size = size, Border = border });
            Add(5, 6, 5, 6, new Conv2DOptions { Size = size, Border = border });                  // kernel equal to the image
            Add(1, 70, 1, 3, new Conv2DOptions { Size = size, Border = border });                 // single row
            Add(70, 1, 3, 1, new Conv2DOptions { Size = size, Border = border });                 // single column
            Add(2, 1000, 2, 3, new Conv2DOptions { Size = size, Border = border });               // very wide
            Add(1000, 2, 3, 2, new Conv2DOptions { Size = size, Border = border });               // very tall
            if (size != OutputSize.Valid)
            {
                Add(1, 1, 3, 3, new Conv2DOptions { Size = size, Border = border });              // kernel larger than the image
                Add(4, 3, 9, 7, new Conv2DOptions { Size = size, Border = border, Kind = ConvolutionKind.Convolution });
            }
        }

        return cases;
    }

    /// <summary>xunit theory data: every registered algorithm except Reference, times every case.</summary>
    public static IEnumerable<object[]> AlgorithmCases() =>
        from algorithm in Conv2D.Algorithms
        where !ReferenceEquals(algorithm, Conv2D.Reference)
        from c in Cases
        select new object[] { algorithm.Name, c.Problem, c.Seed, c.ExtraPitch };
}
