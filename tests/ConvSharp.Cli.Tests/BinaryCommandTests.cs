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
        var (exit, _, error) = CliRunner.Run(args);
        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(folder.File("y.npy")));
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
}
