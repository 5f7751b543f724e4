using System.Runtime.CompilerServices;
using ConvSharp.Simd;

namespace ConvSharp.Layers.Winograd;

/// <summary>
/// The channel sum at one transform point for six tiles and two vectors of output channels:
/// M[t, o] = Σ_c V[t, c]·U[c, o]. The SGEMM's 6 × 2-vector register tile (see <c>VectorMicroKernel</c>), but A is read in
/// place: the six tiles' rows of V, each channel-contiguous as the input transform wrote them, are broadcast from six
/// row pointers, so V is never packed. U is packed once, in Prepare: per strip of <see cref="Columns"/> output channels,
/// depth × Columns.
/// </summary>
internal static unsafe class WinogradProductKernel<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Tiles per call.</summary>
    public const int Rows = 6;

    /// <summary>Output channels per call (one strip of U).</summary>
    public static int Columns => 2 * TOps.Count;

    /// <summary>
    /// m[r·<paramref name="ldm"/> + j] = Σ_{c &lt; depth} v[r·<paramref name="ldv"/> + c]·u[c·Columns + j] for r &lt; 6 and
    /// j &lt; Columns: one chain of multiply-adds per output, over c in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int depth, float* v, long ldv, float* u, float* m, long ldm)
    {
        int n = TOps.Count;
        float* v0 = v, v1 = v + ldv, v2 = v + (2 * ldv), v3 = v + (3 * ldv), v4 = v + (4 * ldv), v5 = v + (5 * ldv);
        TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero;
        TVector c30 = TOps.Zero, c31 = TOps.Zero, c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        for (int c = 0; c < depth; c++)
        {
            TVector b0 = TOps.Load(u), b1 = TOps.Load(u + n), x;
            x = TOps.Broadcast(v0[c]); c00 = TOps.MultiplyAdd(x, b0, c00); c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(v1[c]); c10 = TOps.MultiplyAdd(x, b0, c10); c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(v2[c]); c20 = TOps.MultiplyAdd(x, b0, c20); c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(v3[c]); c30 = TOps.MultiplyAdd(x, b0, c30); c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(v4[c]); c40 = TOps.MultiplyAdd(x, b0, c40); c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(v5[c]); c50 = TOps.MultiplyAdd(x, b0, c50); c51 = TOps.MultiplyAdd(x, b1, c51);
            u += 2 * n;
        }

        TOps.Store(m, c00); TOps.Store(m + n, c01);
        TOps.Store(m + ldm, c10); TOps.Store(m + ldm + n, c11);
        TOps.Store(m + (2 * ldm), c20); TOps.Store(m + (2 * ldm) + n, c21);
        TOps.Store(m + (3 * ldm), c30); TOps.Store(m + (3 * ldm) + n, c31);
        TOps.Store(m + (4 * ldm), c40); TOps.Store(m + (4 * ldm) + n, c41);
        TOps.Store(m + (5 * ldm), c50); TOps.Store(m + (5 * ldm) + n, c51);
    }
}
