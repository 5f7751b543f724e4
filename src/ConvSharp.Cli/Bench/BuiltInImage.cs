using System;
using ConvSharp.Cli.IO;

namespace ConvSharp.Cli.Bench;

/// <summary>
/// The deterministic stand-in for the notebook's 1024×1024 photo: smooth shading, a few hard-edged shapes and seeded
/// noise, values 0..255, so filters meet edges, gradients and texture, with no file and no download.
/// </summary>
public static class BuiltInImage
{
    /// <summary>A <paramref name="size"/>×<paramref name="size"/> image; the same pixels on every machine.</summary>
    public static Matrix Create(int size)
    {
        if (size < 1 || size > 16384) throw new CliException($"--image-size {size} must be between 1 and 16384");
        var random = new Random(1024);
        var data = new float[(long)size * size];
        double s = size;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double u = x / s, v = y / s;
                double shade = 96 + (64 * Math.Sin(6.1 * u) * Math.Cos(3.7 * v));
                if (((u - 0.3) * (u - 0.3)) + ((v - 0.35) * (v - 0.35)) < 0.04) shade += 70;   // a bright disc
                if (u > 0.55 && u < 0.85 && v > 0.5 && v < 0.8) shade -= 60;                      // a dark square
                if (Math.Abs(u - v) < 0.01) shade = 250;                                          // a thin diagonal line
                data[((long)y * size) + x] = (float)Math.Clamp(shade + (24 * (random.NextDouble() - 0.5)), 0, 255);
            }
        }

        return new Matrix(size, size, data);
    }
}
