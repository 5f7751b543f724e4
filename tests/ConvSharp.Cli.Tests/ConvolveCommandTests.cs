using System;
using System.IO;
using System.Linq;
using ConvSharp.Cli.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace ConvSharp.Cli.Tests;

public class ConvolveCommandTests
{
    [Fact]
    public void Npy_in_npy_out_matches_the_library()
    {
        using var folder = new TempFolder();
        string output = folder.File("out.npy");
        var (exit, _, error) = CliRunner.Run("convolve", CliRunner.Golden("good_f8_be_F.npy"), "--kernel", "1,2;3,4", "--output", output,
            "--mode", "convolve", "--size", "full", "--border", "wrap");
        Assert.True(exit == 0, error);

        var input = NpyReader.Read(CliRunner.Golden("good_f4_le_C.npy"));
        var expected = Conv2D.Apply(input.Data, 3, 4, [1f, 2, 3, 4], 2, 2,
            new Conv2DOptions { Kind = ConvolutionKind.Convolution, Size = OutputSize.Full, Border = Border.Wrap }, out int rows, out int columns);
        var actual = NpyReader.Read(output);
        Assert.Equal((rows, columns), (actual.Rows, actual.Columns));
        Assert.Equal(expected, actual.Data);
    }

    [Fact]
    public void Every_library_option_has_its_spelling()
    {
        using var folder = new TempFolder();
        string output = folder.File("out.npy");
        var (exit, stdout, error) = CliRunner.Run("convolve", CliRunner.Golden("good_i4_le_C.npy"), "-k", "box:3", "-o", output,
            "--border", "constant", "--border-value", "2.5", "--anchor", "0,2", "--stride", "1,2", "--dilation", "1,1",
            "--algorithm", "direct", "--threads", "1", "--stats");
        Assert.True(exit == 0, error);
        var input = NpyReader.Read(CliRunner.Golden("good_i4_le_C.npy"));
        var kernel = Enumerable.Repeat(1f / 9, 9).ToArray();
        var expected = Conv2D.Apply(input.Data, 3, 4, kernel, 3, 3,
            new Conv2DOptions { Border = Border.Constant(2.5f), Anchor = (0, 2), Stride = (1, 2), Algorithm = "Direct" }, out _, out _);
        Assert.Equal(expected, NpyReader.Read(output).Data);
        Assert.Contains("shape      3 x 2", stdout, StringComparison.Ordinal);
        Assert.Contains("algorithm  Direct", stdout, StringComparison.Ordinal);
        Assert.Contains("mean", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_round_trip_through_png()
    {
        using var folder = new TempFolder();
        string source = folder.File("in.png");
        using (var image = new Image<Rgb24>(5, 4))
        {
            for (int y = 0; y < 4; y++)
            for (int x = 0; x < 5; x++) image[x, y] = new Rgb24((byte)(10 * (x + y)), (byte)(10 * (x + y)), (byte)(10 * (x + y)));
            image.SaveAsPng(source);
        }

        // Gray pixels have luma equal to their value; the identity kernel and --normalize clip keep them.
        string output = folder.File("out.png");
        var (exit, _, error) = CliRunner.Run("convolve", source, "--kernel", "identity", "--output", output, "--normalize", "clip");
        Assert.True(exit == 0, error);
        var back = ImageFiles.ReadGrayscale(output);
        var original = ImageFiles.ReadGrayscale(source);
        Assert.Equal(original.Data.Select(v => MathF.Round(v)), back.Data.Select(v => MathF.Round(v)));
        Assert.Equal(70f, MathF.Round(back.Data[^1]));
    }

    [Fact]
    public void Png_variants_16_bit_and_heatmap()
    {
        using var folder = new TempFolder();
        string input = CliRunner.Golden("good_f4_le_C.npy");
        Assert.Equal(0, CliRunner.Run("convolve", input, "-k", "sobel-x", "-o", folder.File("d16.png"), "--depth", "16", "--normalize", "abs").Exit);
        Assert.Equal(0, CliRunner.Run("convolve", input, "-k", "laplacian", "-o", folder.File("heat.png"), "--colormap", "viridis").Exit);
        using var wide = Image.Load(folder.File("d16.png"));
        Assert.Equal(16, wide.PixelType.BitsPerPixel);
        using var heat = Image.Load<Rgb24>(folder.File("heat.png"));
        Assert.Equal((4, 3), (heat.Width, heat.Height));
        Assert.True(heat[0, 0] != heat[1, 1] || heat[2, 2] != heat[3, 0]);
    }

    [Fact]
    public void Help_lists_examples()
    {
        var (exit, stdout, _) = CliRunner.Run("convolve", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("--border", stdout, StringComparison.Ordinal);
        Assert.Contains("EXAMPLES", stdout, StringComparison.OrdinalIgnoreCase);
        foreach (string command in new[] { "bench", "profile", "info" })
            Assert.Contains("EXAMPLES", CliRunner.Run(command, "--help").Out, StringComparison.OrdinalIgnoreCase);
    }
}
