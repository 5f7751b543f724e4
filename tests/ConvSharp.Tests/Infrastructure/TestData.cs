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

    /// <summary>An outer product u·vᵀ of nonzero integers in [−3, 3]: rank 1, every tap |t| ≤ 9, exact in float32.</summary>
    public static float[] RankOneIntegers(int kh, int kw, int seed)
    {
        var random = new Random(seed);
        int Next() => random.Next(1, 4) * (random.Next(2) == 0 ? -1 : 1);
        var u = new int[kh];
        var v = new int[kw];
        for (int i = 0; i < kh; i++) u[i] = Next();
        for (int j = 0; j < kw; j++) v[j] = Next();
        var kernel = new float[kh * kw];
        for (int i = 0; i < kh; i++)
        {
            for (int j = 0; j < kw; j++) kernel[(i * kw) + j] = u[i] * v[j];
        }

        return kernel;
    }

    /// <summary>A sum of <paramref name="rank"/> outer products of uniform floats in [−1, 1).</summary>
    public static float[] LowRankFloats(int kh, int kw, int rank, int seed)
    {
        var random = new Random(seed);
        var kernel = new double[kh * kw];
        for (int r = 0; r < rank; r++)
        {
            var u = new double[kh];
            var v = new double[kw];
            for (int i = 0; i < kh; i++) u[i] = (random.NextDouble() * 2) - 1;
            for (int j = 0; j < kw; j++) v[j] = (random.NextDouble() * 2) - 1;
            for (int i = 0; i < kh; i++)
            {
                for (int j = 0; j < kw; j++) kernel[(i * kw) + j] += u[i] * v[j];
            }
        }

        return Array.ConvertAll(kernel, k => (float)k);
    }

    /// <summary>
    /// <paramref name="kernel"/> with each row's right half replaced by its left half mirrored (k[i][kw − 1 − j] = k[i][j]):
    /// a rank-R kernel stays rank ≤ R, and its row factors mirror, as a Gaussian's do.
    /// </summary>
    public static float[] Mirrored(float[] kernel, int kh, int kw)
    {
        var mirrored = (float[])kernel.Clone();
        for (int i = 0; i < kh; i++)
        {
            for (int j = 0; j < kw / 2; j++) mirrored[(i * kw) + kw - 1 - j] = mirrored[(i * kw) + j];
        }

        return mirrored;
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
