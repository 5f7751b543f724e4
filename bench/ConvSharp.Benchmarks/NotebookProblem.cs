using System;

namespace ConvSharp.Benchmarks;

/// <summary>The notebook's problem: a deterministic 1024×1024 float32 image and a seeded random kernel, Same, Constant(0).</summary>
internal static class NotebookProblem
{
    public const int Size = 1024;

    public static float[] Image(int size = Size)
    {
        // A smooth pattern plus deterministic noise, in 0..255 like a grayscale photo.
        var random = new Random(1024);
        var image = new float[size * size];
        for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
            image[y * size + x] = (float)(127.5 + 80 * Math.Sin(x * 0.031) * Math.Cos(y * 0.017) + 40 * (random.NextDouble() - 0.5));
        return image;
    }

    public static float[] Kernel(int k)
    {
        var random = new Random(3 * k);
        var kernel = new float[k * k];
        for (int i = 0; i < kernel.Length; i++) kernel[i] = (float)random.NextDouble();
        return kernel;
    }
}
