using System;
using System.Linq;
using ConvSharp.Cli.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace ConvSharp.Cli.Tests;

/// <summary>Every input format the issue names reads as BT.601 luma through the convolve command.</summary>
public class ImageFormatTests
{
    [Theory]
    [InlineData("png", 0)]
    [InlineData("bmp", 0)]
    [InlineData("tiff", 0)]
    [InlineData("webp", 0)]
    [InlineData("jpg", 12)]   // lossy: within a few grey levels
    public void Reads_each_format_as_luma(string extension, int tolerance)
    {
        using var folder = new TempFolder();
        string path = folder.File("in." + extension);
        using (var image = new Image<Rgb24>(16, 8))
        {
            for (int y = 0; y < 8; y++)
            for (int x = 0; x < 16; x++) image[x, y] = new Rgb24((byte)(x * 15), (byte)(y * 30), 100);
            if (extension == "webp") image.Save(path, new SixLabors.ImageSharp.Formats.Webp.WebpEncoder { FileFormat = SixLabors.ImageSharp.Formats.Webp.WebpFileFormatType.Lossless });
            else image.Save(path);
        }

        var luma = ImageFiles.ReadGrayscale(path);
        Assert.Equal((8, 16), (luma.Rows, luma.Columns));
        for (int y = 0; y < 8; y++)
        for (int x = 0; x < 16; x++)
        {
            double expected = (0.299 * x * 15) + (0.587 * y * 30) + (0.114 * 100);
            Assert.InRange(luma.Data[(y * 16) + x], expected - tolerance - 0.01, expected + tolerance + 0.01);
        }

        string output = folder.File("out.npy");
        var (exit, _, error) = CliRunner.Run("convolve", path, "--kernel", "identity", "--output", output);
        Assert.True(exit == 0, error);
        Assert.Equal(luma.Data, NpyReader.Read(output).Data);
        Assert.True(luma.Data.Distinct().Count() > 50);
    }
}
