using System.Runtime.CompilerServices;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Simd;

/// <summary>
/// The steps of the two-row × six-vector register block (<see cref="Stencil.AnySizeBlockKernel{TOps, TVector}"/>): one
/// input row into one output row's six accumulators, or into two output rows' twelve through two kernel rows, tap by tap.
/// (Separable's column pass tried the same block and kept its four-row × two-vector one: 2048² Gaussians, 3 alternating
/// runs, column pass 15×15 3.3 against 2.4–2.8 ms, 31×31 4.0–6.2 against 3.1–4.0 ms; docs/benchmarks.md, issue #6.)
/// </summary>
/// <remarks>
/// Every method is inlined into its caller's column body, where the accumulators live in registers (12 accumulators,
/// two broadcasts and one input vector: 15 of AVX2's 16). Each accumulator adds its taps j = 0 .. kw − 1 in order.
/// </remarks>
internal static unsafe class SixVectorSteps<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Vectors per output row in one block.</summary>
    public const int Vectors = 6;

    /// <summary>Input row <paramref name="p"/> (taps <paramref name="dx"/> apart) times kernel row <paramref name="w"/> into s0..s5.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OneRow(float* p, int n, long dx, int kw, float* w, ref TVector s0, ref TVector s1, ref TVector s2, ref TVector s3, ref TVector s4, ref TVector s5)
    {
        for (int j = 0; j < kw; j++, p += dx)
        {
            TVector b = TOps.Broadcast(w[j]);
            s0 = TOps.MultiplyAdd(TOps.Load(p), b, s0);
            s1 = TOps.MultiplyAdd(TOps.Load(p + n), b, s1);
            s2 = TOps.MultiplyAdd(TOps.Load(p + (2 * n)), b, s2);
            s3 = TOps.MultiplyAdd(TOps.Load(p + (3 * n)), b, s3);
            s4 = TOps.MultiplyAdd(TOps.Load(p + (4 * n)), b, s4);
            s5 = TOps.MultiplyAdd(TOps.Load(p + (5 * n)), b, s5);
        }
    }

    /// <summary>Input row <paramref name="p"/> times kernel row <paramref name="w0"/> into a0..a5 and times <paramref name="w1"/> into c0..c5: each load feeds two FMAs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TwoRows(
        float* p, int n, long dx, int kw, float* w0, float* w1,
        ref TVector a0, ref TVector a1, ref TVector a2, ref TVector a3, ref TVector a4, ref TVector a5,
        ref TVector c0, ref TVector c1, ref TVector c2, ref TVector c3, ref TVector c4, ref TVector c5)
    {
        for (int j = 0; j < kw; j++, p += dx)
        {
            TVector b0 = TOps.Broadcast(w0[j]), b1 = TOps.Broadcast(w1[j]), u;
            u = TOps.Load(p); a0 = TOps.MultiplyAdd(u, b0, a0); c0 = TOps.MultiplyAdd(u, b1, c0);
            u = TOps.Load(p + n); a1 = TOps.MultiplyAdd(u, b0, a1); c1 = TOps.MultiplyAdd(u, b1, c1);
            u = TOps.Load(p + (2 * n)); a2 = TOps.MultiplyAdd(u, b0, a2); c2 = TOps.MultiplyAdd(u, b1, c2);
            u = TOps.Load(p + (3 * n)); a3 = TOps.MultiplyAdd(u, b0, a3); c3 = TOps.MultiplyAdd(u, b1, c3);
            u = TOps.Load(p + (4 * n)); a4 = TOps.MultiplyAdd(u, b0, a4); c4 = TOps.MultiplyAdd(u, b1, c4);
            u = TOps.Load(p + (5 * n)); a5 = TOps.MultiplyAdd(u, b0, a5); c5 = TOps.MultiplyAdd(u, b1, c5);
        }
    }

    /// <summary>Six vectors to <paramref name="o"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* o, int n, TVector s0, TVector s1, TVector s2, TVector s3, TVector s4, TVector s5)
    {
        TOps.Store(o, s0);
        TOps.Store(o + n, s1);
        TOps.Store(o + (2 * n), s2);
        TOps.Store(o + (3 * n), s3);
        TOps.Store(o + (4 * n), s4);
        TOps.Store(o + (5 * n), s5);
    }
}
