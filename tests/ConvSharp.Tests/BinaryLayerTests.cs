using System;
using System.Linq;
using ConvSharp.Binary;
using ConvSharp.Layers;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>The XNOR-Net layer: channel-packed counts exactly the definition's, outputs within the bound, over random shapes.</summary>
public class BinaryLayerTests
{
    public static TheoryData<int, string> Chunks()
    {
        var data = new TheoryData<int, string>();
        foreach (string algorithm in new[] { "xnor-bgemm", "xnor-csa" })
        {
            for (int chunk = 0; chunk < 3; chunk++) data.Add(chunk, algorithm);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Random_layers_count_exactly_and_scale_within_the_bound(int chunk, string algorithm)
    {
        var random = new Random(900 + chunk);
        for (int done = 0; done < 12;)
        {
            int n = random.Next(1, 3), c = random.Next(1, 131), o = random.Next(1, 9), h = random.Next(1, 14), w = random.Next(1, 14);
            int kh = random.Next(1, 8), kw = random.Next(1, 8);
            var options = new BinaryLayerOptions
            {
                Stride = (random.Next(1, 3), random.Next(1, 3)),
                Dilation = (random.Next(1, 3), random.Next(1, 3)),
                Padding = random.Next(3) switch { 0 => LayerPadding.Valid, 1 => LayerPadding.Same, _ => LayerPadding.Explicit(random.Next(3), random.Next(3), random.Next(3), random.Next(3)) },
                BinaryPadding = (BinaryPadding)random.Next(3),
                Algorithm = algorithm,
            };
            var weights = Data(random, o * c * kh * kw);
            var layer = new BinaryConv2DLayer(weights, o, kh, kw, options);
            Conv2DLayerProblem problem;
            try
            {
                problem = layer.Plan(n, h, w);
            }
            catch (ArgumentException)
            {
                continue;
            }

            done++;
            var input = Data(random, (int)problem.InputLength);
            var reference = new BinaryConv2DLayer(weights, o, kh, kw, options with { Algorithm = "Reference" });
            foreach (int threads in new[] { 1, 3 })
            {
                var context = new ExecutionContext { MaxDegreeOfParallelism = threads, MinimumWorkPerBand = 1 };
                var counts = layer.ComputeCounts(input, n, h, w, context);
                Assert.Equal(reference.ComputeCounts(input, n, h, w), counts);
                var output = layer.Forward(input, n, h, w, context);
                var into = new float[output.Length];
                layer.Forward(input, n, h, w, into, context);
                Assert.Equal(output, into);
                for (int i = 0; i < output.Length; i++)
                {
                    var (count, k, alpha) = Definition(problem, options.BinaryPadding, weights, input, i);
                    Assert.Equal(count, counts[i]);
                    double exact = count * k * alpha;
                    int channel = (int)(i / ((long)problem.OutputHeight * problem.OutputWidth) % problem.OutputChannels);
                    Assert.True(Math.Abs(output[i] - exact) <= layer.ErrorBound(channel, count, k) + 1e-30, $"{problem} {options.BinaryPadding}: out[{i}] = {output[i]}, exact {exact}");
                }
            }
        }
    }

    [Theory]
    [InlineData(256, BinaryPadding.Zero, 6, "xnor-bgemm")]
    [InlineData(200, BinaryPadding.PlusOne, 6, "xnor-bgemm")]   // the last of four words half padding
    [InlineData(320, BinaryPadding.MinusOne, 6, "xnor-bgemm")]  // five words: four in a vector, one left over
    [InlineData(256, BinaryPadding.Zero, 300, "xnor-csa")]      // two blocks of filters, the second partly empty
    [InlineData(200, BinaryPadding.PlusOne, 256, "xnor-csa")]
    [InlineData(70, BinaryPadding.MinusOne, 513, "xnor-csa")]
    public void Wide_layers_count_exactly_on_the_vector_path(int channels, BinaryPadding padding, int filters, string algorithm)
    {
        var random = new Random(channels);
        var options = new BinaryLayerOptions { Padding = LayerPadding.Symmetric(1), BinaryPadding = padding, Algorithm = algorithm };
        var weights = Data(random, filters * channels * 9);
        var input = Data(random, 2 * channels * 9 * 11);
        var layer = new BinaryConv2DLayer(weights, filters, 3, 3, options);
        var reference = new BinaryConv2DLayer(weights, filters, 3, 3, options with { Algorithm = "Reference" });
        Assert.Equal(reference.ComputeCounts(input, 2, 9, 11), layer.ComputeCounts(input, 2, 9, 11, new ExecutionContext { MaxDegreeOfParallelism = 2, MinimumWorkPerBand = 1 }));
    }

    [Fact]
    public void Auto_takes_the_carry_save_path_for_wide_layers_and_names_it()
    {
        var wide = new BinaryConv2DLayer(new float[256 * 64 * 9], 256, 3, 3);
        Assert.Equal(System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "xnor-csa" : "xnor-bgemm", wide.Algorithm);
        Assert.Equal("xnor-bgemm", new BinaryConv2DLayer(new float[8 * 256 * 9], 8, 3, 3).Algorithm);
        Assert.Equal(System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "xnor-csa" : "xnor-bgemm", new BinaryConv2DLayer(new float[8 * 64 * 9], 8, 3, 3).Algorithm);
        Assert.Equal("xnor-csa", new BinaryConv2DLayer(new float[8 * 64 * 9], 8, 3, 3, new BinaryLayerOptions { Algorithm = "xnor-csa" }).Algorithm);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => new BinaryConv2DLayer(new float[10], 3, 3, 3)).ParamName);
        Assert.Equal("options.Algorithm", Assert.Throws<ArgumentException>(() => new BinaryConv2DLayer(new float[9], 1, 3, 3, new BinaryLayerOptions { Algorithm = "fast" })).ParamName);
        Assert.Equal("options.Algorithm", Assert.Throws<ArgumentException>(() => new BinaryConv2DLayer(new float[1 * 8192 * 9], 1, 3, 3, new BinaryLayerOptions { Algorithm = "xnor-csa" })).ParamName);
        var layer = new BinaryConv2DLayer(new float[18], 1, 3, 3);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => layer.Forward(new float[5], 1, 4, 4)).ParamName);
        var untouched = new float[5];
        Array.Fill(untouched, 7f);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => layer.Forward(new float[2 * 16], 1, 4, 4, untouched)).ParamName);
        Assert.All(untouched, v => Assert.Equal(7f, v));
    }

    /// <summary>The count, exact K and α at flat output index <paramref name="index"/>, straight from the formula in double.</summary>
    private static (int Count, double K, double Alpha) Definition(Conv2DLayerProblem p, BinaryPadding padding, float[] weights, float[] input, long index)
    {
        long plane = (long)p.OutputHeight * p.OutputWidth;
        int x = (int)(index % p.OutputWidth), y = (int)(index / p.OutputWidth % p.OutputHeight), o = (int)(index / plane % p.OutputChannels), n = (int)(index / plane / p.OutputChannels);
        int taps = p.KernelHeight * p.KernelWidth, count = 0;
        double sumAbsW = 0, k = 0;
        for (int c = 0; c < p.InputChannels; c++)
        {
            for (int i = 0; i < p.KernelHeight; i++)
            {
                for (int j = 0; j < p.KernelWidth; j++)
                {
                    float wv = weights[(((o * p.InputChannels) + c) * taps) + (i * p.KernelWidth) + j];
                    sumAbsW += Math.Abs((double)wv);
                    int r = (y * p.Stride.Y) + (i * p.Dilation.Y) - p.Padding.Top, col = (x * p.Stride.X) + (j * p.Dilation.X) - p.Padding.Left;
                    bool inside = r >= 0 && r < p.InputHeight && col >= 0 && col < p.InputWidth;
                    float v = inside ? input[((((long)n * p.InputChannels) + c) * p.InputHeight * p.InputWidth) + (r * p.InputWidth) + col] : 0;
                    if (inside) k += Math.Abs((double)v);
                    if (!inside && padding == BinaryPadding.Zero) continue;
                    bool sign = inside ? v > 0 : padding == BinaryPadding.PlusOne;
                    count += sign == (wv > 0) ? 1 : -1;
                }
            }
        }

        return (count, k / p.InputChannels / taps, sumAbsW / (p.InputChannels * taps));
    }

    private static float[] Data(Random random, int length) => Enumerable.Range(0, length).Select(_ => random.Next(12) == 0 ? 0f : (float)((random.NextDouble() * 2) - 1)).ToArray();
}
