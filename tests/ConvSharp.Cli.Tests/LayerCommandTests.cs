using System;
using System.IO;
using System.Linq;
using ConvSharp.Cli.IO;
using ConvSharp.Layers;
using Xunit;

namespace ConvSharp.Cli.Tests;

/// <summary><c>convsharp layer</c>: 4-D .npy in and out, every argument mapped to the layer, bad inputs refused before anything is written.</summary>
public class LayerCommandTests
{
    private static void Save(string path, long[] shape, float[] data)
    {
        using var stream = File.Create(path);
        NpyWriter.WriteArray(stream, shape, data);
    }

    private static float[] Integers(int seed, int length)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)random.Next(-4, 5)).ToArray();
    }

    [Theory]
    [InlineData("nchw")]
    [InlineData("nhwc")]
    public void Layer_writes_the_reference_result_in_the_inputs_layout(string layout)
    {
        using var folder = new TempFolder();
        const int n = 2, c = 4, h = 7, w = 6, o = 6, k = 3, groups = 2;
        var x = Integers(1, n * c * h * w);
        var weights = Integers(2, o * (c / groups) * k * k);
        var bias = Integers(3, o);
        var options = new Conv2DLayerOptions { Stride = (2, 1), Padding = LayerPadding.Explicit(1, 0, 2, 1), PaddingMode = LayerPaddingMode.Replicate, Groups = groups, Dilation = (1, 2), Algorithm = "Reference" };
        var expected = new Conv2DLayer(weights, o, k, k, bias, options).Forward(x, n, h, w);
        var problem = new Conv2DLayer(weights, o, k, k, bias, options).Plan(n, h, w);
        var input = layout == "nchw" ? x : ToNhwc(x, n, c, h * w);
        Save(folder.File("x.npy"), layout == "nchw" ? [n, c, h, w] : [n, h, w, c], input);
        Save(folder.File("w.npy"), [o, c / groups, k, k], weights);
        Save(folder.File("b.npy"), [o], bias);

        var (exit, stdout, error) = CliRunner.Run("layer", folder.File("x.npy"), "--weights", folder.File("w.npy"), "--bias", folder.File("b.npy"),
            "--stride", "2,1", "--padding", "1,0,2,1", "--padding-mode", "replicate", "--groups", "2", "--dilation", "1,2", "--layout", layout, "--output", folder.File("y.npy"));

        Assert.True(exit == 0, error + stdout);
        var (shape, data) = NpyReader.ReadArray(folder.File("y.npy"), [4]);
        int pixels = problem.OutputHeight * problem.OutputWidth;
        Assert.Equal(layout == "nchw" ? new long[] { n, o, problem.OutputHeight, problem.OutputWidth } : [n, problem.OutputHeight, problem.OutputWidth, o], shape);
        Assert.Equal(layout == "nchw" ? expected : ToNhwc(expected, n, o, pixels), data);
    }

    [Theory]
    [InlineData("--groups 3", "take 2·3 = 6 input channels")]                  // mismatched channels
    [InlineData("--groups 4", "take 2·4 = 8 input channels")]
    [InlineData("--bias b5.npy", "the bias needs one per output channel (6)")]
    [InlineData("--padding 0 --dilation 9,9", "larger than the padded input")]
    [InlineData("--padding-mode mirror", "is not zeros, reflect, replicate or circular")]
    [InlineData("--layout chwn", "is not nchw or nhwc")]
    [InlineData("--tolerance -1", "--tolerance -1 must be 0 or more")]
    public void Bad_inputs_fail_in_one_line_and_write_nothing(string extra, string message)
    {
        using var folder = new TempFolder();
        Save(folder.File("x.npy"), [1, 4, 5, 5], Integers(1, 100));
        Save(folder.File("w.npy"), [6, 2, 3, 3], Integers(2, 108));
        Save(folder.File("b5.npy"), [5], Integers(3, 5));
        var args = new[] { "layer", folder.File("x.npy"), "--weights", folder.File("w.npy"), "--groups", "2", "--output", folder.File("y.npy") }
            .Concat(extra.Split(' ').Select(a => a.EndsWith(".npy", StringComparison.Ordinal) ? folder.File(a) : a)).ToArray();

        CliRunner.AssertRefused(args, message, folder.File("y.npy"));
    }

    [Fact]
    public void Auto_runs_winograd_within_its_bound_and_tolerance_zero_keeps_it_exact()
    {
        using var folder = new TempFolder();
        const int c = 8, o = 8, h = 9, w = 10;
        var x = Integers(4, c * h * w);
        var weights = Integers(5, o * c * 9);
        Save(folder.File("x.npy"), [1, c, h, w], x);
        Save(folder.File("w.npy"), [o, c, 3, 3], weights);
        var layer = new Conv2DLayer(weights, o, 3, 3, options: new Conv2DLayerOptions { Padding = LayerPadding.Symmetric(1) });
        Assert.Equal("Winograd", layer.AlgorithmFor(1, h, w).Name);
        var expected = new Conv2DLayer(weights, o, 3, 3, options: new Conv2DLayerOptions { Padding = LayerPadding.Symmetric(1), Algorithm = "Reference" }).Forward(x, 1, h, w);

        var (exit, stdout, error) = CliRunner.Run("layer", folder.File("x.npy"), "--weights", folder.File("w.npy"), "--padding", "1", "--output", folder.File("auto.npy"));
        Assert.True(exit == 0, error + stdout);
        var auto = NpyReader.ReadArray(folder.File("auto.npy"), [4]).Data;
        double bound = layer.AlgorithmFor(1, h, w).ErrorBound(layer.Plan(1, h, w)) * 4 * 9 * c * 4;   // Σ|w_o| ≤ 4·9·C, max|x| ≤ 4
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.InRange(Math.Abs(auto[i] - expected[i]), 0, bound));

        (exit, stdout, error) = CliRunner.Run("layer", folder.File("x.npy"), "--weights", folder.File("w.npy"), "--padding", "1", "--tolerance", "0", "--output", folder.File("exact.npy"));
        Assert.True(exit == 0, error + stdout);
        Assert.Equal(expected, NpyReader.ReadArray(folder.File("exact.npy"), [4]).Data);
    }

    private static float[] ToNhwc(float[] nchw, int n, int channels, int pixels)
    {
        var result = new float[nchw.Length];
        for (int b = 0; b < n; b++) for (int c = 0; c < channels; c++) for (int p = 0; p < pixels; p++)
            result[(b * pixels * channels) + (p * channels) + c] = nchw[(b * channels * pixels) + (c * pixels) + p];
        return result;
    }
}
