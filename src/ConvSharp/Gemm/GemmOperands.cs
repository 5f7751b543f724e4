namespace ConvSharp.GemmKernels;

/// <summary>
/// One validated, pinned product C = alpha·op(A)·op(B) + beta·C: its shape, scalars, and where each element lives
/// (op(A)[i, p] = a[i·ARowStride + p·AColumnStride], and likewise for B; C is row-major with pitch Ldc).
/// </summary>
internal readonly unsafe struct GemmOperands
{
    public GemmOperands(int m, int n, int k, float alpha, float* a, long aRowStride, long aColumnStride, float* b, long bRowStride, long bColumnStride, float beta, float* c, long ldc)
    {
        M = m;
        N = n;
        K = k;
        Alpha = alpha;
        A = a;
        ARowStride = aRowStride;
        AColumnStride = aColumnStride;
        B = b;
        BRowStride = bRowStride;
        BColumnStride = bColumnStride;
        Beta = beta;
        C = c;
        Ldc = ldc;
    }

    public int M { get; }

    public int N { get; }

    public int K { get; }

    public float Alpha { get; }

    public float* A { get; }

    public long ARowStride { get; }

    public long AColumnStride { get; }

    public float* B { get; }

    public long BRowStride { get; }

    public long BColumnStride { get; }

    public float Beta { get; }

    public float* C { get; }

    public long Ldc { get; }

    /// <summary>Multiply-adds of the product.</summary>
    public long MultiplyAdds => (long)M * N * K;
}
