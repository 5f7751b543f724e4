using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using ConvSharp.Simd;

namespace ConvSharp.GemmKernels;

/// <summary>
/// A 6 × (2 vectors) tile: per k step two loads of B, six broadcasts of A and twelve FMAs into twelve accumulators
/// (12 independent chains, enough to cover FMA latency × issue on Zen 3/4). With AVX2's 16 registers it uses 15: the
/// BLIS and OpenBLAS Haswell shape (6 × 16). Written once over the vector width: 6 × 16 on AVX2, 6 × 32 on AVX-512,
/// 6 × 8 on 128-bit vectors.
/// </summary>
/// <remarks>
/// Each C element is one chain of FMAs over p = 0 .. kc − 1 in order, so a product's bits do not depend on the tier or
/// the tile's place; on small-integer data every partial sum is exact and the result matches a naive loop bit for bit.
/// </remarks>
internal readonly unsafe struct VectorMicroKernel<TOps, TVector> : IGemmMicroKernel
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    public static int Rows => 6;

    public static int Columns => 2 * TOps.Count;

    public static void Run(int kc, float* a, float* b, float* c, long ldc, float alpha, float beta) =>
        Tile<ReadPacked>(kc, a, b, 2 * TOps.Count, null, c, ldc, alpha, beta);

    /// <summary>
    /// <see cref="Run"/> with B's rows read in place, <paramref name="ldb"/> apart, and stored into <paramref name="packed"/>
    /// on the way: the loads the packing pass would make feed the FMAs instead, and the stores ride in the FMAs' shadow.
    /// </summary>
    public static void RunPacking(int kc, float* a, float* source, long ldb, float* packed, float* c, long ldc, float alpha, float beta) =>
        Tile<PackAsRead>(kc, a, source, ldb, packed, c, ldc, alpha, beta);

    /// <summary>The full tile over B's rows <paramref name="ldb"/> apart, also storing them into <paramref name="packed"/> when <typeparamref name="TPanel"/> says so.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TPanel>(int kc, float* a, float* b, long ldb, float* packed, float* c, long ldc, float alpha, float beta)
        where TPanel : struct, IPanelRead
    {
        int n = TOps.Count;

        // C's tile was last touched a whole panel ago: start fetching it now, so the update at the end does not wait.
        if (Sse.IsSupported)
        {
            for (int r = 0; r < 6; r++)
            {
                Sse.Prefetch0(c + (r * ldc));
                Sse.Prefetch0(c + (r * ldc) + (2 * n) - 1);
            }
        }

        TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero;
        TVector c30 = TOps.Zero, c31 = TOps.Zero, c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        for (int p = 0; p < kc; p++)
        {
            // B's rows read in place are far apart and come from L3: without fetching 16 rows ahead the FMAs wait on
            // them (1.2× slower).
            if (TPanel.PacksAsItReads && Sse.IsSupported)
            {
                Sse.Prefetch0(b + (16 * ldb));
                Sse.Prefetch0(b + (16 * ldb) + (2 * n) - 1);
            }

            TVector b0 = TOps.Load(b), b1 = TOps.Load(b + n), x;
            if (TPanel.PacksAsItReads)
            {
                TOps.Store(packed, b0);
                TOps.Store(packed + n, b1);
                packed += 2 * n;
            }

            x = TOps.Broadcast(a[0]); c00 = TOps.MultiplyAdd(x, b0, c00); c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(a[1]); c10 = TOps.MultiplyAdd(x, b0, c10); c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(a[2]); c20 = TOps.MultiplyAdd(x, b0, c20); c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(a[3]); c30 = TOps.MultiplyAdd(x, b0, c30); c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(a[4]); c40 = TOps.MultiplyAdd(x, b0, c40); c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(a[5]); c50 = TOps.MultiplyAdd(x, b0, c50); c51 = TOps.MultiplyAdd(x, b1, c51);
            a += 6;
            b += ldb;
        }

        TVector al = TOps.Broadcast(alpha), be = TOps.Broadcast(beta);
        Finish(c, n, c00, c01, al, be, beta);
        Finish(c + ldc, n, c10, c11, al, be, beta);
        Finish(c + (2 * ldc), n, c20, c21, al, be, beta);
        Finish(c + (3 * ldc), n, c30, c31, al, be, beta);
        Finish(c + (4 * ldc), n, c40, c41, al, be, beta);
        Finish(c + (5 * ldc), n, c50, c51, al, be, beta);
    }

    /// <summary>
    /// <see cref="Run"/> with A's six rows read in place, <paramref name="lda"/> apart: six broadcasts from six row
    /// pointers per k step instead of from one packed micro-panel. Each row is a contiguous run of kc floats, so the six
    /// streams stay in L1 across the tiles of one row strip and no packing pass touches A.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunStridedA(int kc, float* a, long lda, float* b, float* c, long ldc, float alpha, float beta)
    {
        int n = TOps.Count;
        float* a0 = a, a1 = a + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero;
        TVector c30 = TOps.Zero, c31 = TOps.Zero, c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        for (int p = 0; p < kc; p++)
        {
            TVector b0 = TOps.Load(b), b1 = TOps.Load(b + n), x;
            x = TOps.Broadcast(a0[p]); c00 = TOps.MultiplyAdd(x, b0, c00); c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(a1[p]); c10 = TOps.MultiplyAdd(x, b0, c10); c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(a2[p]); c20 = TOps.MultiplyAdd(x, b0, c20); c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(a3[p]); c30 = TOps.MultiplyAdd(x, b0, c30); c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(a4[p]); c40 = TOps.MultiplyAdd(x, b0, c40); c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(a5[p]); c50 = TOps.MultiplyAdd(x, b0, c50); c51 = TOps.MultiplyAdd(x, b1, c51);
            b += 2 * n;
        }

        TVector al = TOps.Broadcast(alpha), be = TOps.Broadcast(beta);
        Finish(c, n, c00, c01, al, be, beta);
        Finish(c + ldc, n, c10, c11, al, be, beta);
        Finish(c + (2 * ldc), n, c20, c21, al, be, beta);
        Finish(c + (3 * ldc), n, c30, c31, al, be, beta);
        Finish(c + (4 * ldc), n, c40, c41, al, be, beta);
        Finish(c + (5 * ldc), n, c50, c51, al, be, beta);
    }

    /// <remarks>
    /// The rows are a run-time count: the tests on it repeat every k step but always go the same way, and a strip of at
    /// most four rows is bound by FMA latency (its two to eight chains), not by issue, so they cost nothing measurable.
    /// It replaces a full tile into scratch and a scalar copy-out: for 128 output channels (21 strips and 2 rows) that
    /// edge took 8 % of the product.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRows(int rows, int kc, float* a, float* b, float* c, long ldc, float alpha, float beta)
    {
        int n = TOps.Count;
        TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero;
        TVector c30 = TOps.Zero, c31 = TOps.Zero, c40 = TOps.Zero, c41 = TOps.Zero;
        for (int p = 0; p < kc; p++)
        {
            TVector b0 = TOps.Load(b), b1 = TOps.Load(b + n), x;
            x = TOps.Broadcast(a[0]); c00 = TOps.MultiplyAdd(x, b0, c00); c01 = TOps.MultiplyAdd(x, b1, c01);
            if (rows > 1) { x = TOps.Broadcast(a[1]); c10 = TOps.MultiplyAdd(x, b0, c10); c11 = TOps.MultiplyAdd(x, b1, c11); }
            if (rows > 2) { x = TOps.Broadcast(a[2]); c20 = TOps.MultiplyAdd(x, b0, c20); c21 = TOps.MultiplyAdd(x, b1, c21); }
            if (rows > 3) { x = TOps.Broadcast(a[3]); c30 = TOps.MultiplyAdd(x, b0, c30); c31 = TOps.MultiplyAdd(x, b1, c31); }
            if (rows > 4) { x = TOps.Broadcast(a[4]); c40 = TOps.MultiplyAdd(x, b0, c40); c41 = TOps.MultiplyAdd(x, b1, c41); }
            a += 6;
            b += 2 * n;
        }

        TVector al = TOps.Broadcast(alpha), be = TOps.Broadcast(beta);
        Finish(c, n, c00, c01, al, be, beta);
        if (rows > 1) Finish(c + ldc, n, c10, c11, al, be, beta);
        if (rows > 2) Finish(c + (2 * ldc), n, c20, c21, al, be, beta);
        if (rows > 3) Finish(c + (3 * ldc), n, c30, c31, al, be, beta);
        if (rows > 4) Finish(c + (4 * ldc), n, c40, c41, al, be, beta);
    }

    /// <summary>One row's two vectors into C: alpha·acc, plus beta·C unless beta is 0 (then C is not read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(float* row, int n, TVector left, TVector right, TVector alpha, TVector betaVector, float beta)
    {
        if (beta == 0f) Scale(row, n, left, right, alpha);
        else Update(row, n, left, right, alpha, betaVector);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(float* row, int n, TVector left, TVector right, TVector alpha)
    {
        TOps.Store(row, TOps.MultiplyAdd(left, alpha, TOps.Zero));
        TOps.Store(row + n, TOps.MultiplyAdd(right, alpha, TOps.Zero));
    }

    // alpha·acc + beta·C: beta·C is rounded once (an FMA with zero), then one FMA adds the product.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* row, int n, TVector left, TVector right, TVector alpha, TVector beta)
    {
        TOps.Store(row, TOps.MultiplyAdd(left, alpha, TOps.MultiplyAdd(TOps.Load(row), beta, TOps.Zero)));
        TOps.Store(row + n, TOps.MultiplyAdd(right, alpha, TOps.MultiplyAdd(TOps.Load(row + n), beta, TOps.Zero)));
    }

    /// <summary>How <see cref="Tile{TPanel}"/> reads B; a type argument, so each form compiles without the other's branch.</summary>
    private interface IPanelRead
    {
        /// <summary>Whether the rows are stored into the packed panel as they are read.</summary>
        static abstract bool PacksAsItReads { get; }
    }

    /// <summary>B already packed.</summary>
    private readonly struct ReadPacked : IPanelRead
    {
        public static bool PacksAsItReads => false;
    }

    /// <summary>B read in place and packed on the way.</summary>
    private readonly struct PackAsRead : IPanelRead
    {
        public static bool PacksAsItReads => true;
    }
}
