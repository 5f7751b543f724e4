using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ConvSharp.Layers;
using ConvSharp.Tests.Infrastructure;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>The Conv2D layer: every algorithm against the double-precision reference over random shapes, PyTorch's goldens, and the argument checks.</summary>
public class LayerTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Golden");

    public static TheoryData<int> Chunks() => new(Enumerable.Range(0, 6));

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Random_layers_match_the_reference_bit_for_bit_on_small_integers(int chunk)
    {
        var failures = LayerCases.Check(seed: 1000 + chunk, count: 40);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Random_3x3_layers_stay_within_winograds_bound(int chunk)
    {
        var failures = LayerCases.Check(seed: 2000 + chunk, count: 12, winogradShapes: true);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void Winograds_bound_is_the_documented_formula()
    {
        // K from the transforms (Lavin's points give 860), times γ(C/g + 20) with u = 2⁻²⁴.
        Assert.InRange(Layers.Winograd.WinogradF4x3.Amplification, 175.3, 175.5);
        var problem = Conv2DLayerProblem.Create(1, 64, 8, 8, 64, 3, 3);
        var winograd = Conv2DLayer.Algorithms.Single(a => a.Name == "Winograd");
        double nu = 84 * Math.Pow(2, -24);
        Assert.Equal(nu / (1 - nu) * Layers.Winograd.WinogradF4x3.Amplification, winograd.ErrorBound(problem), 12);
        Assert.Equal(Conv2DAccuracy.Bounded, winograd.Accuracy);
    }

    [Fact]
    public void Auto_takes_winograd_only_within_the_tolerance_and_with_enough_channels()
    {
        var same = new Conv2DLayerOptions { Padding = LayerPadding.Same };
        Conv2DLayer Layer(int c, int o, Conv2DLayerOptions options) => new(new float[o * c * 9], o, 3, 3, options: options);
        Assert.Equal("Winograd", Layer(64, 64, same).AlgorithmFor(1, 56, 56).Name);
        Assert.Equal("Winograd", Layer(256, 256, same).AlgorithmFor(1, 14, 14).Name);

        // Exact only; too many channels for the default tolerance (bound 0.0055 at C = 512); too few to pay; not 3×3 at stride 1.
        Assert.Equal("Im2ColGemm", Layer(64, 64, same with { Tolerance = 0 }).AlgorithmFor(1, 56, 56).Name);
        Assert.Equal("Im2ColGemm", Layer(512, 32, same).AlgorithmFor(1, 14, 14).Name);
        Assert.Equal("Im2ColGemm", Layer(3, 64, same).AlgorithmFor(1, 56, 56).Name);
        Assert.Equal("Winograd", Layer(64, 2, same).AlgorithmFor(1, 56, 56).Name);
        Assert.Equal("Im2ColGemm", Layer(64, 64, same with { Stride = (2, 2) }).AlgorithmFor(1, 56, 56).Name);
        Assert.Contains("above the tolerance", Layer(512, 32, same).Explain(1, 14, 14), StringComparison.Ordinal);

        // Named, it runs whatever its bound.
        Assert.Equal("Winograd", Layer(512, 32, same with { Algorithm = "Winograd" }).AlgorithmFor(1, 14, 14).Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => Layer(4, 4, same with { Tolerance = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Layer(4, 4, same with { Tolerance = double.NaN }));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    public void Winograd_runs_band_by_band_and_across_images(int threads, int batch)
    {
        // 64 channels in and out over 120 × 50: tile rows of several images, more than one 4 MiB band, ragged edges.
        var options = new Conv2DLayerOptions { Padding = LayerPadding.Same, PaddingMode = LayerPaddingMode.Reflect };
        var problem = Conv2DLayerProblem.Create(batch, 64, 118, 50, 70, 3, 3, options, hasBias: true);
        var random = new Random(31);
        var weights = LayerCases.Uniform(random, problem.WeightLength);
        var bias = LayerCases.Uniform(random, problem.OutputChannels);
        var input = LayerCases.Uniform(random, problem.InputLength);
        var expected = Run(problem, options with { Algorithm = "Reference" }, weights, bias, input, 1);
        var actual = Run(problem, options with { Algorithm = "Winograd" }, weights, bias, input, threads);
        var winograd = Conv2DLayer.Algorithms.Single(a => a.Name == "Winograd");
        Assert.Null(LayerCases.OutsideBound(problem, winograd, weights, bias, input, expected, actual));
    }

    public static IEnumerable<object[]> GoldenCases() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "layer_manifest.json"))).RootElement.GetProperty("cases").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Every_algorithm_reproduces_torch(string name)
    {
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "layer_manifest.json"))).RootElement;
        var c = manifest.GetProperty("cases").EnumerateArray().First(x => x.GetProperty("name").GetString() == name);
        var arrays = new NpzArchive(Path.Combine(Folder, "layer_golden.npz"));
        int Get(string key) => c.GetProperty(key).GetInt32();
        int[] Pair(string key) => c.GetProperty(key).EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var padding = Pair("padding");
        var options = new Conv2DLayerOptions
        {
            Stride = (Pair("stride")[0], Pair("stride")[1]),
            Dilation = (Pair("dilation")[0], Pair("dilation")[1]),
            Padding = LayerPadding.Explicit(padding[0], padding[1], padding[2], padding[3]),
            PaddingMode = c.GetProperty("mode").GetString() switch { "reflect" => LayerPaddingMode.Reflect, "replicate" => LayerPaddingMode.Replicate, "circular" => LayerPaddingMode.Circular, _ => LayerPaddingMode.Zeros },
            Groups = Get("groups"),
        };
        float[] Floats(string suffix) => arrays[$"{name}_{suffix}"].Data.Select(v => (float)v).ToArray();
        var bias = c.GetProperty("bias").GetBoolean() ? Floats("b") : [];
        var expected = Floats("y");
        var problem = Conv2DLayerProblem.Create(Get("n"), Get("c"), Get("h"), Get("w"), Get("o"), Get("kh"), Get("kw"), options, bias.Length > 0);
        Assert.Equal(c.GetProperty("out_shape").EnumerateArray().Select(e => e.GetInt32()), new[] { problem.Batch, problem.OutputChannels, problem.OutputHeight, problem.OutputWidth });
        foreach (var algorithm in Conv2DLayer.Algorithms.Where(a => a.Supports(problem, out _)))
        {
            var actual = Run(problem, options with { Algorithm = algorithm.Name }, Floats("w"), bias, Floats("x"), 2);
            if (algorithm.Accuracy == Conv2DAccuracy.Bounded) Assert.Null(LayerCases.OutsideBound(problem, algorithm, Floats("w"), bias, Floats("x"), expected, actual));
            else Assert.True(expected.SequenceEqual(actual), $"{algorithm.Name} differs from torch on {problem}");
        }
    }

    [Fact]
    public void Single_channel_and_depthwise_layers_run_as_planes_and_match_the_reference()
    {
        var random = new Random(9);
        const int n = 2, c = 5, h = 13, w = 11;
        var options = new Conv2DLayerOptions { Groups = c, Padding = LayerPadding.Same, Stride = (2, 1), PaddingMode = LayerPaddingMode.Reflect };
        var weights = Integers(random, c * 9);
        var bias = Integers(random, c);
        var input = Integers(random, n * c * h * w);
        var layer = new Conv2DLayer(weights, c, 3, 3, bias, options);
        Assert.Contains(": Planes", layer.Explain(n, h, w), StringComparison.Ordinal);
        Assert.Equal(new Conv2DLayer(weights, c, 3, 3, bias, options with { Algorithm = "Reference" }).Forward(input, n, h, w), layer.Forward(input, n, h, w));

        // A Gaussian filter, which the 2-D Auto would factor (Separable, inexact): the layer stays exact by running Simd.
        float[] gaussian = [1 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 4.0001f / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 1 / 16f];
        var image = Integers(random, 40 * 40);
        var single = new Conv2DLayer(gaussian, 1, 3, 3, options: new Conv2DLayerOptions { Padding = LayerPadding.Symmetric(1) });
        Assert.Contains(": Planes", single.Explain(1, 40, 40), StringComparison.Ordinal);
        var expected = new float[40 * 40];
        Conv2D.Apply(new ReadOnlyPlane2D(image, 40, 40), new ReadOnlyPlane2D(gaussian, 3, 3), new Plane2D(expected, 40, 40), new Conv2DOptions { Algorithm = "Simd" });
        Assert.Equal(expected, single.Forward(image, 1, 40, 40));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Framed_3x3_depthwise_planes_equal_the_planner_bit_for_bit(int threads)
    {
        var failures = LayerCases.CheckFramedDepthwise(threads);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    public void Im2col_packed_straight_for_the_gemm_matches_the_reference(int threads, int batch)
    {
        // 36 × 37 outputs (past the direct-packing line), a depth of 30·9 = 270 (past one 256-deep block), two groups, a bias.
        var options = new Conv2DLayerOptions { Groups = 2, Padding = LayerPadding.Same, PaddingMode = LayerPaddingMode.Circular };
        var problem = Conv2DLayerProblem.Create(batch, 60, 36, 37, 10, 3, 3, options, hasBias: true);
        Assert.True(Layers.LayerIm2ColGemm.PacksDirectly(problem));
        var random = new Random(21);
        var weights = Integers(random, problem.WeightLength);
        var bias = Integers(random, problem.OutputChannels);
        var input = Integers(random, problem.InputLength);
        var expected = Run(problem, options with { Algorithm = "Reference" }, weights, bias, input, 1);
        Assert.Equal(expected, Run(problem, options with { Algorithm = "Im2ColGemm" }, weights, bias, input, threads));
    }

    [Fact]
    public void Nhwc_is_the_nchw_result_transposed()
    {
        var random = new Random(3);
        const int n = 2, c = 3, h = 6, w = 5, o = 4;
        var input = Integers(random, n * c * h * w);
        var weights = Integers(random, o * c * 9);
        var options = new Conv2DLayerOptions { Padding = LayerPadding.Same, Stride = (2, 1) };
        var nchw = new Conv2DLayer(weights, o, 3, 3, options: options).Forward(input, n, h, w);
        var nhwcInput = LayerCases.ChannelsLast(input, n, c);
        var nhwcLayer = new Conv2DLayer(weights, o, 3, 3, options: options with { Layout = TensorLayout.Nhwc });
        var nhwc = nhwcLayer.Forward(nhwcInput, n, h, w);
        Assert.Contains("NHWC reordered around it", nhwcLayer.Explain(n, h, w), StringComparison.Ordinal);
        int pixels = nchw.Length / (n * o);
        for (int b = 0; b < n; b++) for (int ch = 0; ch < o; ch++) for (int p = 0; p < pixels; p++)
            Assert.Equal(nchw[(b * o * pixels) + (ch * pixels) + p], nhwc[(b * pixels * o) + (p * o) + ch]);
    }

    [Theory]
    [InlineData(LayerPaddingMode.Zeros, 1, 1, 1)]
    [InlineData(LayerPaddingMode.Reflect, 2, 1, 3)]
    [InlineData(LayerPaddingMode.Circular, 1, 2, 3)]
    [InlineData(LayerPaddingMode.Replicate, 2, 2, 1)]
    public void Channels_last_depthwise_runs_natively_and_matches_the_reference(LayerPaddingMode mode, int stride, int dilation, int threads)
    {
        // 19 channels (two vectors and a tail on AVX2, one and a tail on AVX-512), 23 columns (interior blocks, the last
        // overlapping the one before it, and both edges).
        var random = new Random(9);
        const int batch = 2, c = 19, h = 13, w = 23;
        var options = new Conv2DLayerOptions { Groups = c, Padding = LayerPadding.Same, PaddingMode = mode, Stride = (stride, stride), Dilation = (dilation, dilation), Layout = TensorLayout.Nhwc };
        var problem = Conv2DLayerProblem.Create(batch, c, h, w, c, 3, 3, options, hasBias: true);
        float[] input = Integers(random, problem.InputLength), weights = Integers(random, problem.WeightLength), bias = Integers(random, c);
        var expected = LayerCases.ChannelsLast(Run(problem, options with { Algorithm = "Reference", Layout = TensorLayout.Nchw }, weights, bias, input, 1), batch, c);
        var profiler = new StageProfiler();
        var layer = new Conv2DLayer(weights, c, 3, 3, bias, options with { Algorithm = "Planes" });
        var actual = layer.Forward(LayerCases.ChannelsLast(input, batch, c), batch, h, w, new ExecutionContext { MaxDegreeOfParallelism = threads, MinimumWorkPerBand = 1, Profiler = profiler });
        Assert.Equal(expected, actual);
        Assert.DoesNotContain(profiler.Stages, st => st.Stage == "reorder");
        Assert.Contains("Planes: yes, native: a 2-D convolution per plane; runs NHWC natively", layer.Explain(batch, h, w), StringComparison.Ordinal);
    }

    [Fact]
    public void Channels_last_depthwise_blocks_match_the_reference_at_every_width() => Assert.Empty(LayerCases.CheckChannelsLastDepthwise());

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Channel_transposes_cover_ragged_blocks_and_images(int threads)
    {
        var context = new ExecutionContext { MaxDegreeOfParallelism = threads, MinimumWorkPerBand = 1 };
        foreach (int rows in new[] { 1, 7, 8, 9, 17, 64 })
        {
            foreach (int columns in new[] { 1, 5, 8, 16, 23 })
            {
                const int batch = 2;
                var source = Enumerable.Range(0, batch * rows * columns).Select(i => (float)i).ToArray();
                var target = new float[source.Length];
                Layers.ChannelsTranspose.Run(source, target, batch, rows, columns, context);
                for (int n = 0; n < batch; n++)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        for (int c = 0; c < columns; c++)
                            Assert.Equal(source[(n * rows * columns) + (r * columns) + c], target[(n * rows * columns) + (c * rows) + r]);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 2, 3)]
    public void Channels_last_pointwise_runs_natively_and_matches_the_reference(int batch, int groups, int threads)
    {
        // 7 × 5 pixels a batch (no whole six-row strips), 17 outputs a group (one column past a strip), 600 channels
        // (two depth blocks of the product on every tier), a bias: every edge of the in-place product.
        var random = new Random(5);
        int c = 600 * groups, o = 17 * groups, h = 7, w = 5;
        var options = new Conv2DLayerOptions { Groups = groups, Algorithm = "Pointwise", Layout = TensorLayout.Nhwc };
        var problem = Conv2DLayerProblem.Create(batch, c, h, w, o, 1, 1, options, hasBias: true);
        float[] input = Integers(random, problem.InputLength), weights = Integers(random, problem.WeightLength), bias = Integers(random, o);
        var expected = LayerCases.ChannelsLast(Run(problem, options with { Algorithm = "Reference", Layout = TensorLayout.Nchw }, weights, bias, input, 1), batch, o);
        var profiler = new StageProfiler();
        var layer = new Conv2DLayer(weights, o, 1, 1, bias, options);
        var actual = layer.Forward(LayerCases.ChannelsLast(input, batch, c), batch, h, w, new ExecutionContext { MaxDegreeOfParallelism = threads, MinimumWorkPerBand = 1, Profiler = profiler });
        Assert.Equal(expected, actual);
        Assert.DoesNotContain(profiler.Stages, s => s.Stage == "reorder");
        Assert.Contains(profiler.Stages, s => s.Stage == "gemm");
        Assert.Contains("Pointwise: yes, native: a 1×1 kernel at stride 1 is a matrix product over the planes; runs NHWC natively", layer.Explain(batch, h, w), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 2, 3, 3, 1, 1)]   // ⌈5/2⌉ = 3 rows: 2 rows of padding, split evenly
    [InlineData(6, 2, 3, 3, 0, 1)]   // 1 row: the odd row goes below, as TensorFlow does
    [InlineData(7, 1, 4, 7, 1, 2)]   // even kernel at stride 1: 3 rows of padding, 1 above and 2 below
    [InlineData(4, 3, 1, 2, 0, 0)]   // a 1-row kernel needs none
    public void Same_padding_is_tensorflows(int size, int stride, int kernel, int outputSize, int before, int after)
    {
        var problem = Conv2DLayerProblem.Create(1, 1, size, size, 1, kernel, kernel, new Conv2DLayerOptions { Padding = LayerPadding.Same, Stride = (stride, stride) });
        Assert.Equal((before, after, before, after), problem.Padding);
        Assert.Equal(outputSize, problem.OutputHeight);
    }

    [Fact]
    public void Bad_shapes_name_the_parameter_and_value()
    {
        Assert.Equal("options.Groups", Assert.Throws<ArgumentException>(() => Conv2DLayerProblem.Create(1, 6, 4, 4, 4, 3, 3, new Conv2DLayerOptions { Groups = 4 })).ParamName);
        var large = Assert.Throws<ArgumentException>(() => Conv2DLayerProblem.Create(1, 1, 2, 2, 1, 3, 3));
        Assert.Contains("larger than the padded input", large.Message, StringComparison.Ordinal);
        Assert.Equal("options.Stride.Y", Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DLayerProblem.Create(1, 1, 4, 4, 1, 3, 3, new Conv2DLayerOptions { Stride = (0, 1) })).ParamName);
        var bias = Assert.Throws<ArgumentException>(() => new Conv2DLayer(new float[18], 2, 3, 3, new float[3]));
        Assert.Equal("bias", bias.ParamName);
        Assert.Contains("bias holds 3 floats", bias.Message, StringComparison.Ordinal);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => new Conv2DLayer(new float[17], 2, 3, 3)).ParamName);
        var layer = new Conv2DLayer(new float[18], 2, 3, 3);
        var output = new float[2 * 2 * 2];
        Array.Fill(output, -7f);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => layer.Forward(new float[15], 1, 4, 4, output)).ParamName);
        Assert.All(output, v => Assert.Equal(-7f, v));   // nothing written
    }

    private static float[] Run(Conv2DLayerProblem problem, Conv2DLayerOptions options, float[] weights, float[] bias, float[] input, int threads) =>
        LayerCases.Run(problem, options, weights, bias, input, threads);

    private static float[] Integers(Random random, long length) => LayerCases.Integers(random, length);
}
