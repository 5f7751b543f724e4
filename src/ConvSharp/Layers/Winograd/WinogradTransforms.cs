using System.Runtime.CompilerServices;
using ConvSharp.Simd;

namespace ConvSharp.Layers.Winograd;

/// <summary>
/// The data transforms of <see cref="WinogradF4x3"/> on vectors whose lanes are channels: V = Bᵀ d B for one 6 × 6 input
/// tile and Y = Aᵀ M A + bias for one 4 × 4 output tile, each as two passes of a 1-D transform (rows, then columns)
/// through a scratch of 36 vectors. The 1-D transforms share their sub-expressions, so no sum is deeper than three
/// roundings (four at most when multiply-add is not fused): what <see cref="WinogradF4x3.RoundingsBeyondChannelSum"/> counts.
/// </summary>
internal static unsafe class WinogradTransforms<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>
    /// V[(ξ·6 + ν)·<paramref name="pointStride"/>] = (Bᵀ d B)[ξ, ν], where d[i, j] is the vector at
    /// <paramref name="d"/> + i·<paramref name="rowStride"/> + j·<paramref name="columnStride"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Input(float* d, long rowStride, long columnStride, float* scratch, float* v, long pointStride)
    {
        int n = TOps.Count;
        for (int i = 0; i < 6; i++)
        {
            float* row = d + (i * rowStride);
            Forward(
                TOps.Load(row), TOps.Load(row + columnStride), TOps.Load(row + (2 * columnStride)),
                TOps.Load(row + (3 * columnStride)), TOps.Load(row + (4 * columnStride)), TOps.Load(row + (5 * columnStride)),
                scratch + (i * 6 * n), n);
        }

        for (int j = 0; j < 6; j++)
        {
            float* column = scratch + (j * n);
            long step = 6 * n;
            Forward(
                TOps.Load(column), TOps.Load(column + step), TOps.Load(column + (2 * step)),
                TOps.Load(column + (3 * step)), TOps.Load(column + (4 * step)), TOps.Load(column + (5 * step)),
                v + (j * pointStride), 6 * pointStride);
        }
    }

    /// <summary>
    /// y[i·<paramref name="rowStride"/> + j·<paramref name="columnStride"/>] = (Aᵀ M A)[i, j] + <paramref name="bias"/>,
    /// where M[ξ, ν] is the vector at <paramref name="m"/> + (ξ·6 + ν)·<paramref name="pointStride"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Output(float* m, long pointStride, float* scratch, TVector bias, float* y, long rowStride, long columnStride)
    {
        int n = TOps.Count;
        for (int i = 0; i < 6; i++)
        {
            float* row = m + (i * 6 * pointStride);
            Backward(
                TOps.Load(row), TOps.Load(row + pointStride), TOps.Load(row + (2 * pointStride)),
                TOps.Load(row + (3 * pointStride)), TOps.Load(row + (4 * pointStride)), TOps.Load(row + (5 * pointStride)),
                scratch + (i * 4 * n), n, bias, addBias: false);
        }

        for (int j = 0; j < 4; j++)
        {
            float* column = scratch + (j * n);
            long step = 4 * n;
            Backward(
                TOps.Load(column), TOps.Load(column + step), TOps.Load(column + (2 * step)),
                TOps.Load(column + (3 * step)), TOps.Load(column + (4 * step)), TOps.Load(column + (5 * step)),
                y + (j * columnStride), rowStride, bias, addBias: true);
        }
    }

    /// <summary>Bᵀ applied to (d0 … d5), the results stored <paramref name="stride"/> floats apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Forward(TVector d0, TVector d1, TVector d2, TVector d3, TVector d4, TVector d5, float* result, long stride)
    {
        TVector t1 = TOps.MultiplyAdd(d4, TOps.Broadcast(-4f), TOps.MultiplyAdd(d2, TOps.Broadcast(9f), TOps.Zero));
        TVector t2 = TOps.MultiplyAdd(d3, TOps.Broadcast(-5f / 2), TOps.MultiplyAdd(d1, TOps.Broadcast(45f / 8), TOps.Zero));
        TVector t3 = TOps.MultiplyAdd(d4, TOps.Broadcast(8f), TOps.MultiplyAdd(d2, TOps.Broadcast(-25f / 8), TOps.Zero));
        TVector t4 = TOps.MultiplyAdd(d3, TOps.Broadcast(12f), TOps.MultiplyAdd(d1, TOps.Broadcast(-75f / 16), TOps.Zero));
        TOps.Store(result, TOps.MultiplyAdd(d4, TOps.Broadcast(4f), TOps.MultiplyAdd(d2, TOps.Broadcast(-169f / 16), TOps.MultiplyAdd(d0, TOps.Broadcast(225f / 64), TOps.Zero))));
        TOps.Store(result + stride, TOps.Add(t1, t2));
        TOps.Store(result + (2 * stride), TOps.Subtract(t1, t2));
        TOps.Store(result + (3 * stride), TOps.Add(t3, t4));
        TOps.Store(result + (4 * stride), TOps.Subtract(t3, t4));
        TOps.Store(result + (5 * stride), TOps.MultiplyAdd(d5, TOps.Broadcast(4f), TOps.MultiplyAdd(d3, TOps.Broadcast(-169f / 16), TOps.MultiplyAdd(d1, TOps.Broadcast(225f / 64), TOps.Zero))));
    }

    /// <summary>
    /// Aᵀ applied to (m0 … m5), plus <paramref name="bias"/> when <paramref name="addBias"/> (the second pass, which ends the
    /// output; a constant at each call, so the JIT drops the other branch), the four results stored <paramref name="stride"/> floats apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Backward(TVector m0, TVector m1, TVector m2, TVector m3, TVector m4, TVector m5, float* result, long stride, TVector bias, bool addBias)
    {
        TVector a = TOps.Add(m1, m2), b = TOps.Subtract(m1, m2), c = TOps.Add(m3, m4), e = TOps.Subtract(m3, m4);
        TVector y0 = TOps.Add(TOps.Add(m0, a), c);
        TVector y1 = TOps.MultiplyAdd(e, TOps.Broadcast(3f / 2), TOps.MultiplyAdd(b, TOps.Broadcast(5f / 8), TOps.Zero));
        TVector y2 = TOps.MultiplyAdd(c, TOps.Broadcast(9f / 4), TOps.MultiplyAdd(a, TOps.Broadcast(25f / 64), TOps.Zero));
        TVector y3 = TOps.MultiplyAdd(e, TOps.Broadcast(27f / 8), TOps.MultiplyAdd(b, TOps.Broadcast(125f / 512), m5));
        if (addBias)
        {
            y0 = TOps.Add(y0, bias);
            y1 = TOps.Add(y1, bias);
            y2 = TOps.Add(y2, bias);
            y3 = TOps.Add(y3, bias);
        }

        TOps.Store(result, y0);
        TOps.Store(result + stride, y1);
        TOps.Store(result + (2 * stride), y2);
        TOps.Store(result + (3 * stride), y3);
    }
}
