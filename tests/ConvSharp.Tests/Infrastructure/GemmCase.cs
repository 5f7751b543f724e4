using System;
using ConvSharp.GemmKernels;

namespace ConvSharp.Tests.Infrastructure;

/// <summary>
/// One SGEMM check: shapes, transposes, scalars, leading dimensions with slack, and the data (small integers, so every
/// partial sum is exact and the product must match the double-precision loop bit for bit; or random reals, within a bound).
/// </summary>
internal sealed record GemmCase(
    GemmTranspose TransposeA, GemmTranspose TransposeB, int M, int N, int K, float Alpha, float Beta,
    int ExtraLda, int ExtraLdb, int ExtraLdc, bool Integers, int Seed, int Threads = 1, GemmBlocking? Blocking = null, bool PackedA = false, bool PackedB = false)
{
    public int Lda => (TransposeA == GemmTranspose.None ? K : M) + ExtraLda;

    public int Ldb => (TransposeB == GemmTranspose.None ? N : K) + ExtraLdb;

    public int Ldc => N + ExtraLdc;

    public override string ToString() =>
        $"{TransposeA}/{TransposeB} m{M} n{N} k{K} alpha {Alpha} beta {Beta} ld+({ExtraLda},{ExtraLdb},{ExtraLdc}) {(Integers ? "int" : "real")} threads {Threads}{(Blocking is { } b ? $" blocks {b.MC}/{b.KC}/{b.NC}" : "")}{(PackedA ? " A packed in advance" : "")}{(PackedB ? " B packed in advance, A in place" : "")}";

    /// <summary>Runs the case; null when it passes, else what went wrong.</summary>
    public string? Check()
    {
        var random = new Random(Seed);
        int aRows = TransposeA == GemmTranspose.None ? M : K, bRows = TransposeB == GemmTranspose.None ? K : N;
        float[] a = Fill(random, Math.Max(1, aRows * Lda)), b = Fill(random, Math.Max(1, bRows * Ldb));
        float[] c = Fill(random, Math.Max(1, M * Ldc));

        // Beta = 0 must not read C: poison the elements it writes.
        if (Beta == 0f)
        {
            for (int i = 0; i < M; i++) c.AsSpan(i * Ldc, N).Fill(float.NaN);
        }

        float[] before = (float[])c.Clone();
        var context = new ExecutionContext { MaxDegreeOfParallelism = Threads, MinimumWorkPerBand = 1 };
        if (PackedA) RunPackedA(a, b, c, context);
        else if (PackedB) RunPackedBStridedA(a, b, c, context);
        else ConvSharp.Gemm.Run(TransposeA, TransposeB, M, N, K, Alpha, a, Lda, b, Ldb, Beta, c, Ldc, context, Blocking);

        double worst = 0;
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < Ldc; j++)
            {
                int index = (i * Ldc) + j;
                if (j >= N)
                {
                    // The slack between rows is not C's: it must be left alone.
                    if (BitConverter.SingleToInt32Bits(c[index]) != BitConverter.SingleToInt32Bits(before[index])) return $"{this}: wrote the padding at ({i}, {j})";
                    continue;
                }

                double sum = 0, magnitude = 0;
                for (int p = 0; p < K; p++)
                {
                    double x = TransposeA == GemmTranspose.None ? a[(i * Lda) + p] : a[(p * Lda) + i];
                    double y = TransposeB == GemmTranspose.None ? b[(p * Ldb) + j] : b[(j * Ldb) + p];
                    sum += x * y;
                    magnitude += Math.Abs(x * y);
                }

                double expected = (Alpha * sum) + (Beta == 0f ? 0 : Beta * (double)before[index]);
                double error = Math.Abs(c[index] - expected);
                if (Integers)
                {
                    if (c[index] != (float)expected) return $"{this}: C[{i},{j}] = {c[index]}, expected {expected} exactly";
                }
                else
                {
                    // K + 2 roundings of a float32 sum of |terms| (plus beta·C's), with room.
                    double bound = (K + 4) * Math.Pow(2, -23) * ((Math.Abs(Alpha) * magnitude) + (Beta == 0f ? 0 : Math.Abs(Beta * before[index]))) + 1e-30;
                    if (!(error <= bound)) return $"{this}: C[{i},{j}] = {c[index]}, expected {expected} within {bound}";
                }

                worst = Math.Max(worst, error);
            }
        }

        return null;
    }

    private float[] Fill(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++) data[i] = Integers ? random.Next(-4, 5) : (float)((random.NextDouble() * 2) - 1);
        return data;
    }

    /// <summary>The same product through <see cref="GemmKernels.GemmPackedA"/> (A row-major, packed once) and <see cref="GemmKernels.GemmDriver.RunPackedA"/>.</summary>
    private unsafe void RunPackedA(float[] a, float[] b, float[] c, ExecutionContext context)
    {
        var dense = new float[M * K];
        for (int i = 0; i < M; i++) a.AsSpan(i * Lda, K).CopyTo(dense.AsSpan(i * K));
        var packed = GemmKernels.GemmPackedA.Pack(dense, M, K);
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            long bRow = TransposeB == GemmTranspose.None ? Ldb : 1, bColumn = TransposeB == GemmTranspose.None ? 1 : Ldb;
            var operands = new GemmKernels.GemmOperands(M, N, K, Alpha, null, K, 1, pb, bRow, bColumn, Beta, pc, Ldc);
            GemmKernels.GemmDriver.RunPackedA(in operands, packed, context);
        }
    }

    /// <summary>The same product through <see cref="GemmKernels.GemmPackedB"/> (op(B) packed once from its transpose) and <see cref="GemmKernels.GemmDriver.RunPackedBStridedA"/> (A row-major, read in place, Lda apart).</summary>
    private unsafe void RunPackedBStridedA(float[] a, float[] b, float[] c, ExecutionContext context)
    {
        var transposed = new float[N * K];
        for (int j = 0; j < N; j++)
        {
            for (int p = 0; p < K; p++) transposed[(j * K) + p] = TransposeB == GemmTranspose.None ? b[(p * Ldb) + j] : b[(j * Ldb) + p];
        }

        var packed = GemmKernels.GemmPackedB.PackTransposed(transposed, N, K);
        fixed (float* pa = a)
        fixed (float* pc = c)
        {
            var operands = new GemmKernels.GemmOperands(M, N, K, Alpha, pa, Lda, 1, null, N, 1, Beta, pc, Ldc);
            GemmKernels.GemmDriver.RunPackedBStridedA(in operands, packed, context);
        }
    }
}
