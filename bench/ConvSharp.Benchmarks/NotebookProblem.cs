using System;

namespace ConvSharp.Benchmarks;

/// <summary>
/// The notebook's problem: <c>convsharp bench</c>'s built-in 1024×1024 image (the same pixels, from
/// <see cref="Cli.Bench.BuiltInImage"/>) and a seeded random kernel, Same, Constant(0).
/// </summary>
internal static class NotebookProblem
{
    public const int Size = 1024;

    public static float[] Image(int size = Size) => Cli.Bench.BuiltInImage.Create(size).Data;

    public static float[] Kernel(int k)
    {
        var random = new Random(3 * k);
        var kernel = new float[k * k];
        for (int i = 0; i < kernel.Length; i++) kernel[i] = (float)random.NextDouble();
        return kernel;
    }
}
