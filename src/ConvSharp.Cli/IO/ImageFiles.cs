using System;
using System.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ConvSharp.Cli.IO;

/// <summary>Image input through SixLabors.ImageSharp: PNG, JPEG, BMP, TIFF, WebP (and GIF, TGA) become grayscale float32.</summary>
public static class ImageFiles
{
    /// <summary>Extensions read as images.</summary>
    public static bool IsImage(string path) =>
        Path.GetExtension(path).ToUpperInvariant() is ".PNG" or ".JPG" or ".JPEG" or ".BMP" or ".TIF" or ".TIFF" or ".WEBP" or ".GIF" or ".TGA";

    /// <summary>Reads an image as BT.601 luma, Y = 0.299 R + 0.587 G + 0.114 B, values 0..255.</summary>
    /// <exception cref="CliException">The file is missing, corrupt or not an image.</exception>
    public static Matrix ReadGrayscale(string path)
    {
        if (!File.Exists(path)) throw new CliException($"{path}: no such file");
        try
        {
            using var image = Image.Load<Rgb24>(path);
            var data = new float[(long)image.Width * image.Height];
            int width = image.Width;
            image.ProcessPixelRows(rows =>
            {
                for (int y = 0; y < rows.Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (int x = 0; x < row.Length; x++)
                        data[(long)y * width + x] = (0.299f * row[x].R) + (0.587f * row[x].G) + (0.114f * row[x].B);
                }
            });
            return new Matrix(image.Height, image.Width, data);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or ImageFormatException or NotSupportedException)
        {
            throw new CliException($"{path}: not a readable image ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }
}
