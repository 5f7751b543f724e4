using System;
using System.Collections.Generic;
using System.Linq;
using ConvSharp.Binary;

namespace ConvSharp.Tests.Infrastructure;

/// <summary>The binary operator's sweep: random problems, every algorithm that takes each, counts exact and outputs within the bound.</summary>
internal static class BinaryCases
{
    /// <summary>Sizes 1..40, kernels 1..7, strides 1..2, dilations 1..2, Same (random anchors) and Valid, every padding; returns the failures.</summary>
    public static List<string> Check(int seed, int count)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        for (int done = 0; done < count;)
        {
            int h = random.Next(1, 41), w = random.Next(1, 150), kh = random.Next(1, 8), kw = random.Next(1, 8);
            var options = new BinaryConv2DOptions
            {
                Size = random.Next(3) == 0 ? OutputSize.Valid : OutputSize.Same,
                Stride = (random.Next(1, 3), random.Next(4) == 0 ? 2 : 1),
                Dilation = (random.Next(1, 3), random.Next(1, 3)),
                Padding = (BinaryPadding)random.Next(3),
            };
            if (options.Size == OutputSize.Same && random.Next(3) == 0) options = options with { Anchor = (random.Next(kh), random.Next(kw)) };
            BinaryConv2DProblem problem;
            try
            {
                problem = BinaryConv2DProblem.Create(h, w, kh, kw, options);
            }
            catch (ArgumentException)
            {
                continue;
            }

            done++;
            var input = Data(random, h * w);
            var kernelData = Data(random, kh * kw);
            var image = new ReadOnlyPlane2D(input, h, w);
            var kernel = new ReadOnlyPlane2D(kernelData, kh, kw);
            var g = problem.Geometry;
            int outputs = g.OutputHeight * g.OutputWidth;
            var reference = Conv2DReference(problem, kernel);
            var expectedCounts = new int[outputs];
            reference.ComputeCounts(image, expectedCounts);
            var expected = new float[outputs];
            reference.Execute(image, new Plane2D(expected, g.OutputHeight, g.OutputWidth));
            foreach (var algorithm in BinaryConv2D.Algorithms.Where(a => a.Name != "Reference" && a.Supports(problem, out _)))
            {
                foreach (int threads in new[] { 1, 3 })
                {
                    var context = new ExecutionContext { MaxDegreeOfParallelism = threads, MinimumWorkPerBand = 1 };
                    var prepared = algorithm.Prepare(problem, kernel);
                    var counts = new int[outputs];
                    prepared.ComputeCounts(image, counts, context);
                    int bad = -1;
                    for (int i = 0; i < outputs && bad < 0; i++) bad = counts[i] != expectedCounts[i] ? i : -1;
                    if (bad >= 0)
                    {
                        failures.Add($"{algorithm.Name} ({threads} threads) on {problem}: count[{bad}] = {counts[bad]}, reference {expectedCounts[bad]}");
                        continue;
                    }

                    var actual = new float[outputs];
                    prepared.Execute(image, new Plane2D(actual, g.OutputHeight, g.OutputWidth), context);
                    for (int i = 0; i < outputs; i++)
                    {
                        var (c, k) = ReferenceAt(problem, kernel, image, i / g.OutputWidth, i % g.OutputWidth);
                        double exact = c * k * prepared.Alpha, bound = prepared.ErrorBound(c, k) + 1e-30;
                        if (!(Math.Abs(actual[i] - exact) <= bound))
                        {
                            failures.Add($"{algorithm.Name} ({threads} threads) on {problem}: out[{i}] = {actual[i]}, exact {exact}, bound {bound:G3}");
                            break;
                        }
                    }
                }
            }
        }

        return failures;
    }

    public static PreparedBinaryConvolution Conv2DReference(BinaryConv2DProblem problem, ReadOnlyPlane2D kernel) =>
        BinaryConv2D.Algorithms.Single(a => a.Name == "Reference").Prepare(problem, kernel);

    /// <summary>The exact count and K at one output.</summary>
    public static (int Count, double K) ReferenceAt(BinaryConv2DProblem problem, ReadOnlyPlane2D kernel, ReadOnlyPlane2D input, int y, int x)
    {
        var g = problem.Geometry;
        int agree = 0, n = 0;
        double sum = 0;
        for (int i = 0; i < g.KernelHeight; i++)
        {
            for (int j = 0; j < g.KernelWidth; j++)
            {
                int r = (y * g.Stride.Y) + (i * g.Dilation.Y) - g.Anchor.Y, c = (x * g.Stride.X) + (j * g.Dilation.X) - g.Anchor.X;
                bool weight = kernel.Row(i)[j] > 0;
                bool inside = r >= 0 && r < g.InputHeight && c >= 0 && c < g.InputWidth;
                if (inside) sum += Math.Abs((double)input.Row(r)[c]);
                if (!inside && problem.Padding == BinaryPadding.Zero) continue;
                bool sign = inside ? input.Row(r)[c] > 0 : problem.Padding == BinaryPadding.PlusOne;
                n++;
                if (sign == weight) agree++;
            }
        }

        return ((2 * agree) - n, sum / (g.KernelHeight * g.KernelWidth));
    }

    /// <summary>Uniform in [−1, 1) with a few exact zeros (which binarise to −1).</summary>
    private static float[] Data(Random random, int length) => Enumerable.Range(0, length).Select(_ => random.Next(10) == 0 ? 0f : (float)((random.NextDouble() * 2) - 1)).ToArray();

    /// <summary>
    /// The binary layer on a few shapes, both algorithms: counts against its reference exactly, and the scaled outputs bit
    /// for bit (the same K, α and products). The scalar, 256-channel vector and carry-save paths.
    /// </summary>
    public static List<string> CheckLayers(int seed)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        foreach (int channels in new[] { 1, 70, 256, 320 })
        {
            var options = new BinaryLayerOptions { Padding = Layers.LayerPadding.Symmetric(1), BinaryPadding = (BinaryPadding)random.Next(3), Stride = (random.Next(1, 3), 1) };
            var weights = Data(random, 5 * channels * 9);
            var input = Data(random, 2 * channels * 7 * 9);
            var reference = new BinaryConv2DLayer(weights, 5, 3, 3, options with { Algorithm = "Reference" });
            var expected = reference.ComputeCounts(input, 2, 7, 9);
            var expectedOutput = reference.Forward(input, 2, 7, 9);
            foreach (string algorithm in new[] { "xnor-bgemm", "xnor-csa" })
            {
                var layer = new BinaryConv2DLayer(weights, 5, 3, 3, options with { Algorithm = algorithm });
                var context = new ExecutionContext { MaxDegreeOfParallelism = 2, MinimumWorkPerBand = 1 };
                var counts = layer.ComputeCounts(input, 2, 7, 9, context);
                var output = layer.Forward(input, 2, 7, 9, context);
                int bad = -1;
                for (int i = 0; i < counts.Length && bad < 0; i++) bad = counts[i] != expected[i] || output[i] != expectedOutput[i] ? i : -1;
                if (bad >= 0) failures.Add($"binary layer {algorithm}, C = {channels}, {options.BinaryPadding}: count[{bad}] = {counts[bad]}, reference {expected[bad]}; out {output[bad]}, reference {expectedOutput[bad]}");
            }
        }

        return failures;
    }
}
