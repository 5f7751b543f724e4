namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// K ≈ Σ_r u_r v_rᵀ: a kernel (as correlation applies it) written as a sum of <see cref="Rank"/> outer products of a
/// column factor u_r (kh taps) and a row factor v_r (kw taps), in float32, with what that sum misses.
/// </summary>
internal sealed class SeparableFactors
{
    public SeparableFactors(float[][] columns, float[][] rows, double residualAbsSum, double factorAbsSum, bool exact)
    {
        Columns = columns;
        Rows = rows;
        ResidualAbsSum = residualAbsSum;
        FactorAbsSum = factorAbsSum;
        Exact = exact;
        for (int r = 0; r < rows.Length; r++)
        {
            if (IsMirrored(rows[r])) MirroredRows |= 1 << r;
        }
    }

    public int Rank => Columns.Length;

    /// <summary>u_r: kh taps each, applied down the columns (the column pass).</summary>
    public float[][] Columns { get; }

    /// <summary>v_r: kw taps each, applied along the rows (the row pass).</summary>
    public float[][] Rows { get; }

    /// <summary>Σ_ij |K_ij − Σ_r u_ri·v_rj|, with the float32 factors, in double.</summary>
    public double ResidualAbsSum { get; }

    /// <summary>Σ_r (Σ_i |u_ri|)(Σ_j |v_rj|): what the two passes' rounding scales with.</summary>
    public double FactorAbsSum { get; }

    /// <summary>
    /// True when the factors are integers whose products are the kernel's taps exactly (rank 1): then on small-integer data
    /// every partial sum of both passes is an exactly representable integer, and the result equals Reference bit for bit.
    /// </summary>
    public bool Exact { get; }

    /// <summary>Bit r set where v_r mirrors (v[j] = v[kw − 1 − j] exactly, as a Gaussian's or a binomial's does).</summary>
    public int MirroredRows { get; }

    private static bool IsMirrored(float[] taps)
    {
        for (int j = 0, k = taps.Length - 1; j < k; j++, k--)
        {
            if (taps[j] != taps[k]) return false;
        }

        return true;
    }
}
