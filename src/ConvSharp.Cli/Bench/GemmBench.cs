using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ConvSharp.Cli.Bench;

/// <summary>
/// <c>--suite gemm</c>: our <see cref="Gemm.Sgemm(int, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, ExecutionContext?)"/>
/// on each product, verified against a double-precision dot product at sampled entries (corners and seeded random ones).
/// </summary>
public static class GemmBench
{
    /// <summary>Entries checked per product.</summary>
    public const int Samples = 256;

    /// <summary>Seeded operands in [−1, 1), the same for every row of a case (and written for the Python peer).</summary>
    public static (float[] A, float[] B) Operands(GemmBenchCase benchCase)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        var random = new Random(benchCase.M + (31 * benchCase.K));
        var a = new float[(long)benchCase.M * benchCase.K];
        var b = new float[(long)benchCase.K * benchCase.N];
        for (long i = 0; i < a.Length; i++) a[i] = (float)((random.NextDouble() * 2) - 1);
        for (long i = 0; i < b.Length; i++) b[i] = (float)((random.NextDouble() * 2) - 1);
        return (a, b);
    }

    /// <summary>Times our SGEMM on <paramref name="benchCase"/> with <paramref name="threads"/> threads (−1: all).</summary>
    public static SuiteRow RunOurs(GemmBenchCase benchCase, float[] a, float[] b, int threads, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        var c = new float[(long)benchCase.M * benchCase.N];
        var context = new ExecutionContext { MaxDegreeOfParallelism = threads };
        var timing = Timing.Measure(() => Gemm.Sgemm(benchCase.M, benchCase.N, benchCase.K, a, b, c, context), maxSeconds: maxSeconds);
        var (error, verified) = Verify(benchCase, a, b, c);
        return new SuiteRow(benchCase, "Gemm.Sgemm", false, "dotnet", timing, error, verified);
    }

    /// <summary>
    /// The worst relative error over <see cref="Samples"/> entries (the four corners, then seeded random ones) against a
    /// double dot product, and whether each is within (k + 2)·2⁻²³·Σ|a·b|, float32's bound for a k-term sum.
    /// </summary>
    public static (double MaxRelativeError, bool Verified) Verify(GemmBenchCase benchCase, float[] a, float[] b, float[] c)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        int m = benchCase.M, n = benchCase.N, k = benchCase.K;
        var random = new Random(7);
        double worst = 0;
        bool verified = c.Length == (long)m * n;
        for (int s = 0; s < Samples && verified; s++)
        {
            int i = s switch { 0 or 1 => 0, 2 or 3 => m - 1, _ => random.Next(m) };
            int j = s switch { 0 or 2 => 0, 1 or 3 => n - 1, _ => random.Next(n) };
            double sum = 0, magnitude = 0;
            for (int p = 0; p < k; p++)
            {
                double term = (double)a[((long)i * k) + p] * b[((long)p * n) + j];
                sum += term;
                magnitude += Math.Abs(term);
            }

            double error = Math.Abs(c[((long)i * n) + j] - sum), scale = Math.Max(magnitude, double.Epsilon);
            worst = Math.Max(worst, error / scale);
            verified &= error <= (k + 2) * Math.Pow(2, -23) * magnitude;
        }

        return (worst, verified);
    }

    /// <summary>Median ms with three significant decimals, for the table.</summary>
    public static string Format(double value) => value.ToString(value < 10 ? "F3" : "F1", CultureInfo.InvariantCulture);
}
