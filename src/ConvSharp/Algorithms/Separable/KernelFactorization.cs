using System;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// Finds the lowest rank R ≤ a limit for which K ≈ Σ_r u_r v_rᵀ within <see cref="RelativeTolerance"/>, by cross
/// approximation with complete pivoting (Gaussian elimination that stops early): each step takes the largest remaining
/// entry K'[p,q] as pivot, peels off the outer product K'[:,q]·K'[p,:]/K'[p,q] and leaves the Schur complement. On an
/// exactly rank-R matrix the complement is zero after R steps; the rank is revealed by its size, as an SVD would reveal
/// it by the singular values, at O(R·kh·kw) cost instead of O(kh·kw·min(kh, kw)).
/// </summary>
/// <remarks>
/// <para>Acceptance is judged on the float32 factors actually used: Σ|K − Σ u vᵀ| ≤ 2⁻²⁰·Σ|K|. That keeps the error a
/// rank approximation adds below the rounding error a direct float32 sum of a 15×15 kernel already allows.</para>
/// <para>Integer rank-1 kernels (box, Sobel, binomial, integer Gaussian approximations) get integer factors: with c the
/// pivot column, r the pivot row and p the pivot, K = c·rᵀ/p = (c/g_c)·(r·g_c/p)ᵀ where g_c = gcd(c), and g_c/p·r is
/// an integer vector whenever K is an integer outer product. Those factors reproduce every tap exactly.</para>
/// </remarks>
internal static class KernelFactorization
{
    /// <summary>The residual a factorisation may leave, relative to Σ|K|: 2⁻²⁰ ≈ 9.5e-7.</summary>
    public const double RelativeTolerance = 1.0 / (1 << 20);

    /// <summary>The factors of <paramref name="taps"/> (kh × kw, row-major) of rank ≤ <paramref name="maxRank"/>, or null when none is close enough, or the kernel is zero.</summary>
    public static SeparableFactors? Factorize(ReadOnlySpan<float> taps, int kh, int kw, int maxRank)
    {
        double sumAbs = 0;
        foreach (float t in taps)
        {
            if (!float.IsFinite(t)) return null;
            sumAbs += Math.Abs(t);
        }

        if (sumAbs == 0) return null;
        if (TryIntegerRankOne(taps, kh, kw) is { } exact) return exact;

        var remainder = new double[kh * kw];
        for (int k = 0; k < remainder.Length; k++) remainder[k] = taps[k];
        var columns = new float[maxRank][];
        var rows = new float[maxRank][];
        for (int rank = 1; rank <= maxRank; rank++)
        {
            int pivot = ArgMaxAbs(remainder);
            double p = remainder[pivot];
            if (p == 0) return null;
            int pr = pivot / kw, pc = pivot % kw;

            // Balanced factors: |u| and |v| share the pivot's magnitude, so neither pass sees extreme values.
            double scale = Math.Sqrt(Math.Abs(p));
            var u = new double[kh];
            var v = new double[kw];
            for (int i = 0; i < kh; i++) u[i] = remainder[(i * kw) + pc] / scale;
            for (int j = 0; j < kw; j++) v[j] = remainder[(pr * kw) + j] / (Math.Sign(p) * scale);
            for (int i = 0; i < kh; i++)
            {
                for (int j = 0; j < kw; j++) remainder[(i * kw) + j] -= u[i] * v[j];
            }

            columns[rank - 1] = ToFloat(u);
            rows[rank - 1] = ToFloat(v);
            var result = Measure(taps, kh, kw, columns.AsSpan(0, rank).ToArray(), rows.AsSpan(0, rank).ToArray(), exact: false);
            if (result.ResidualAbsSum <= RelativeTolerance * sumAbs) return result;
        }

        return null;
    }

    /// <summary>Integer factors of an integer rank-1 kernel whose products reproduce every tap, or null.</summary>
    private static SeparableFactors? TryIntegerRankOne(ReadOnlySpan<float> taps, int kh, int kw)
    {
        const float Limit = 1 << 24;
        foreach (float t in taps)
        {
            if (t != MathF.Round(t) || Math.Abs(t) >= Limit) return null;
        }

        int pivot = ArgMaxAbs(taps);
        int pr = pivot / kw, pc = pivot % kw;
        long p = (long)taps[pivot];
        var c = new long[kh];
        var r = new long[kw];
        for (int i = 0; i < kh; i++) c[i] = (long)taps[(i * kw) + pc];
        for (int j = 0; j < kw; j++) r[j] = (long)taps[(pr * kw) + j];
        long gc = Gcd(c);
        var u = new float[kh];
        var v = new float[kw];
        for (int i = 0; i < kh; i++) u[i] = c[i] / gc;
        for (int j = 0; j < kw; j++)
        {
            if (r[j] * gc % p != 0) return null;
            v[j] = r[j] * gc / p;
        }

        var result = Measure(taps, kh, kw, [u], [v], exact: true);
        return result.ResidualAbsSum == 0 ? result : null;
    }

    private static SeparableFactors Measure(ReadOnlySpan<float> taps, int kh, int kw, float[][] columns, float[][] rows, bool exact)
    {
        double residual = 0, factorAbs = 0;
        for (int i = 0; i < kh; i++)
        {
            for (int j = 0; j < kw; j++)
            {
                double sum = 0;
                for (int r = 0; r < columns.Length; r++) sum += (double)columns[r][i] * rows[r][j];
                residual += Math.Abs(taps[(i * kw) + j] - sum);
            }
        }

        for (int r = 0; r < columns.Length; r++) factorAbs += SumAbs(columns[r]) * SumAbs(rows[r]);
        return new SeparableFactors(columns, rows, residual, factorAbs, exact);
    }

    private static double SumAbs(float[] values)
    {
        double sum = 0;
        foreach (float v in values) sum += Math.Abs(v);
        return sum;
    }

    private static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);

    private static int ArgMaxAbs(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (Math.Abs(values[k]) > Math.Abs(values[best])) best = k;
        }

        return best;
    }

    private static int ArgMaxAbs(double[] values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (Math.Abs(values[k]) > Math.Abs(values[best])) best = k;
        }

        return best;
    }

    private static long Gcd(long[] values)
    {
        long g = 0;
        foreach (long value in values)
        {
            long a = Math.Abs(value), b = g;
            while (b != 0) (a, b) = (b, a % b);
            g = a;
        }

        return g;
    }
}
