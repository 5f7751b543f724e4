using System;
using System.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ConvSharp.Cli.IO;

/// <summary>Writes results as 8-bit or 16-bit grayscale PNG, or as a colormapped heatmap PNG.</summary>
public static class PngOutput
{
    /// <summary>Encodes <paramref name="matrix"/> into <paramref name="stream"/>. NaN samples become 0.</summary>
    public static void Write(Stream stream, Matrix matrix, Normalization normalization, int depth, string? colormap)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var (offset, scale) = Scaling(matrix.Data, normalization, colormap is null ? (depth == 16 ? 65535 : 255) : 1);
        float Level(float v)
        {
            if (float.IsNaN(v)) return 0;
            if (normalization == Normalization.Abs) v = MathF.Abs(v);
            return (float)((v - offset) * scale);
        }

        if (colormap is not null)
        {
            using var image = new Image<Rgb24>(matrix.Columns, matrix.Rows);
            Fill(image, matrix, v => { var (r, g, b) = Colormap.Map(colormap, Level(v)); return new Rgb24(r, g, b); });
            image.SaveAsPng(stream);
        }
        else if (depth == 16)
        {
            using var image = new Image<L16>(matrix.Columns, matrix.Rows);
            Fill(image, matrix, v => new L16((ushort)Math.Clamp(MathF.Round(Level(v)), 0, 65535)));
            image.SaveAsPng(stream);
        }
        else
        {
            using var image = new Image<L8>(matrix.Columns, matrix.Rows);
            Fill(image, matrix, v => new L8((byte)Math.Clamp(MathF.Round(Level(v)), 0, 255)));
            image.SaveAsPng(stream);
        }
    }

    /// <summary>Level = (v − offset)·scale: min-max maps [min, max] to [0, top]; abs maps [0, max|v|]; clip keeps values.</summary>
    private static (double Offset, double Scale) Scaling(float[] data, Normalization normalization, double top)
    {
        if (normalization == Normalization.Clip) return (0, top == 1 ? 1.0 / 255 : 1);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (float raw in data)
        {
            if (!float.IsFinite(raw)) continue;
            double v = normalization == Normalization.Abs ? Math.Abs(raw) : raw;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        if (normalization == Normalization.Abs) min = 0;
        if (!(max > min)) return (double.IsFinite(min) ? min : 0, 0);
        return (min, top / (max - min));
    }

    private static void Fill<TPixel>(Image<TPixel> image, Matrix matrix, Func<float, TPixel> pixel)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        for (int y = 0; y < matrix.Rows; y++)
        {
            for (int x = 0; x < matrix.Columns; x++) image[x, y] = pixel(matrix.Data[(long)y * matrix.Columns + x]);
        }
    }
}
