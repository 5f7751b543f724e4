using System;
using System.IO;
using System.Linq;
using ConvSharp.Binary;
using ConvSharp.Cli.IO;
using Xunit;

namespace ConvSharp.Cli.Tests;

/// <summary><c>convsharp convolve --binary</c>: XNOR-Net's output of one plane, its padding and algorithm options, the float comparison, refusals.</summary>
public class BinaryCommandTests
{
    private static (string Input, float[] Data) Image(TempFolder folder)
    {
        var random = new Random(5);
        var data = Enumerable.Range(0, 20 * 30).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        string path = folder.File("x.npy");
        using (var stream = File.Create(path)) NpyWriter.WriteArray(stream, [20, 30], data);
        return (path, data);
    }

    [Theory]
    [InlineData("minus-one", "xnor-bitsliced")]
    [InlineData("zero", "xnor-seed")]
    [InlineData("plus-one", "auto")]
    public void Binary_writes_xnor_nets_output(string padding, string algorithm)
    {
        using var folder = new TempFolder();
        var (input, data) = Image(folder);
        var (exit, stdout, error) = CliRunner.Run("convolve", input, "--kernel", "1,-2,1;0.5,0,-1;2,1,-0.5", "--binary", "--binary-padding", padding, "--algorithm", algorithm, "--stats", "--output", folder.File("y.npy"));
        Assert.True(exit == 0, error + stdout);

        var options = new BinaryConv2DOptions { Padding = padding switch { "minus-one" => BinaryPadding.MinusOne, "plus-one" => BinaryPadding.PlusOne, _ => BinaryPadding.Zero }, Algorithm = "Reference" };
        float[] kernel = [1, -2, 1, 0.5f, 0, -1, 2, 1, -0.5f];
        var expected = new float[20 * 30];
        BinaryConv2D.Apply(new ReadOnlyPlane2D(data, 20, 30), new ReadOnlyPlane2D(kernel, 3, 3), new Plane2D(expected, 20, 30), options);
        var actual = NpyReader.Read(folder.File("y.npy")).Data;
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.InRange(Math.Abs(actual[i] - expected[i]), 0, 1e-5 * (1 + Math.Abs(expected[i]))));
        Assert.Contains("vs float", stdout, StringComparison.Ordinal);
        Assert.Contains("_xnor_" + padding, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--binary --mode convolve", "--mode convolve does not apply")]
    [InlineData("--binary --border wrap", "--border and --border-value do not apply")]
    [InlineData("--binary --size full", "--size full does not apply")]
    [InlineData("--binary --binary-padding two", "is not zero, minus-one or plus-one")]
    [InlineData("--binary --algorithm stencil", "is not auto or a binary algorithm")]
    [InlineData("--binary-padding minus-one", "--binary-padding applies with --binary only")]
    public void Bad_binary_options_fail_in_one_line_and_write_nothing(string extra, string message)
    {
        using var folder = new TempFolder();
        var (input, _) = Image(folder);
        var args = new[] { "convolve", input, "--kernel", "box:3", "--output", folder.File("y.npy") }.Concat(extra.Split(' ')).ToArray();
        CliRunner.AssertRefused(args, message, folder.File("y.npy"));
    }

    [Fact]
    public void Profile_prints_the_notebooks_stages_for_xnor_seed()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("profile", "--algorithm", "xnor-seed", "--binary-padding", "minus-one", "--image-size", "96", "--json", folder.File("p.json"));
        Assert.True(exit == 0, error + stdout);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(folder.File("p.json")));
        var stages = json.RootElement.GetProperty("stages").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToArray();
        Assert.Equal(new[] { "im2col", "binarize", "k-alpha", "bitpack", "xnor", "bitunpack", "scale" }, stages);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.EndsWith("_xnor_minus-one", json.RootElement.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Layer_binary_writes_the_binary_layers_output()
    {
        using var folder = new TempFolder();
        var random = new Random(6);
        var x = Enumerable.Range(0, 2 * 70 * 6 * 7).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var w = Enumerable.Range(0, 5 * 70 * 9).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        using (var stream = File.Create(folder.File("x.npy"))) NpyWriter.WriteArray(stream, [2, 70, 6, 7], x);
        using (var stream = File.Create(folder.File("w.npy"))) NpyWriter.WriteArray(stream, [5, 70, 3, 3], w);

        var (exit, stdout, error) = CliRunner.Run("layer", folder.File("x.npy"), "--weights", folder.File("w.npy"), "--padding", "1", "--binary", "--binary-padding", "plus-one", "--output", folder.File("y.npy"));
        Assert.True(exit == 0, error + stdout);
        var expected = new BinaryConv2DLayer(w, 5, 3, 3, new BinaryLayerOptions { Padding = ConvSharp.Layers.LayerPadding.Symmetric(1), BinaryPadding = BinaryPadding.PlusOne }).Forward(x, 2, 6, 7);
        var (shape, data) = NpyReader.ReadArray(folder.File("y.npy"), [4]);
        Assert.Equal(new long[] { 2, 5, 6, 7 }, shape);
        Assert.Equal(expected, data);
        Assert.Contains("_xnor_plus-one", stdout, StringComparison.Ordinal);

        // Each algorithm by name: the same output bit for bit (the same K, α and products).
        foreach (string algorithm in new[] { "xnor-csa", "xnor-bgemm", "reference" })
        {
            (exit, stdout, error) = CliRunner.Run("layer", folder.File("x.npy"), "--weights", folder.File("w.npy"), "--padding", "1", "--binary", "--binary-padding", "plus-one", "--algorithm", algorithm, "--output", folder.File(algorithm + ".npy"));
            Assert.True(exit == 0, error + stdout);
            Assert.Equal(expected, NpyReader.ReadArray(folder.File(algorithm + ".npy"), [4]).Data);
        }

        (exit, _, error) = CliRunner.Run("layer", folder.File("x.npy"), "--weights", folder.File("w.npy"), "--binary", "--padding-mode", "reflect", "--output", folder.File("z.npy"));
        Assert.Equal(1, exit);
        Assert.Contains("--padding-mode does not apply", error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("z.npy")));
    }
}
