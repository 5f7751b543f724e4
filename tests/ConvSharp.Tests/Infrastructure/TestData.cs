using System;

namespace ConvSharp.Tests.Infrastructure;

/// <summary>Deterministic test inputs.</summary>
internal static class TestData
{
    /// <summary>Small integers in [−8, 8], so every float32 partial sum of a test-sized problem is exact.</summary>
    public static float[] SmallIntegers(int count, int seed)
    {
        var random = new Random(seed);
        var data = new float[count];
        for (int i = 0; i < data.Length; i++) data[i] = random.Next(-8, 9);
        return data;
    }

    /// <summary>Uniform floats in [−1, 1).</summary>
    public static float[] RandomFloats(int count, int seed)
    {
        var random = new Random(seed);
        var data = new float[count];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }

    /// <summary>A plane of <paramref name="height"/> × <paramref name="width"/> with <paramref name="pitch"/> and NaN in the padding.</summary>
    public static float[] Pitched(float[] dense, int height, int width, int pitch)
    {
        if (pitch == width) return dense;
        var data = new float[(height - 1) * pitch + width + (pitch - width)];
        Array.Fill(data, float.NaN);
        for (int r = 0; r < height; r++) dense.AsSpan(r * width, width).CopyTo(data.AsSpan(r * pitch));
        return data;
    }
}
