using System;
using System.Runtime.CompilerServices;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Winograd;

/// <summary>
/// The one-dimensional Winograd transform F(3, 3), down the columns: three consecutive output rows of a three-row kernel
/// slice from five input rows with five multiplications per column instead of nine. A kernel of kh rows is cut into
/// S = ⌈kh / 3⌉ slices of three rows (the last padded with zero rows); slice s reads the tile three rows further down
/// than slice s − 1, exactly one tile, so every slice reuses the same transformed input rows.
/// </summary>
/// <remarks>
/// <para>Toom–Cook at the points 0, 1, −1, 2 and ∞ (of the four finite choices 0, 1, −1 and ±2 or ±½, the one with the
/// smallest error on random data: 8.3·10⁻⁷ against 0.76–1.2·10⁻⁶ on sums of three products of [−1, 1] values). Output
/// row i of a tile is Σ_c Aᵀ[i, c] · (U_c · V_c), with V = Bᵀ d for the tile's input rows d₀ … d₄ and U = G g for a
/// slice's taps g₀ … g₂ (one column of three kernel rows). Bᵀ's rows are scaled to small integers and G's rows divided
/// by the same factors (2, 2, 6, 6, 1), so the transform of the data, done per input sample, costs nine adds and
/// multiplies by 2 or 3, and the divisions happen once, when the kernel is prepared:</para>
/// <code>
/// V₀ = 2(d₀ − d₂) + (d₃ − d₁)    U₀ = g₀ / 2                    y₀ = U₀V₀ + U₁V₁ + U₂V₂ + U₃V₃
/// V₁ = 2d₁ + (d₂ − d₃)           U₁ = (g₀ + g₁ + g₂) / 2        y₁ = U₁V₁ − U₂V₂ + 2·U₃V₃
/// V₂ = 3d₂ − (2d₁ + d₃)          U₂ = (g₀ − g₁ + g₂) / 6        y₂ = U₁V₁ + U₂V₂ + 4·U₃V₃ + U₄V₄
/// V₃ = d₃ − d₁                   U₃ = (g₀ + 2g₁ + 4g₂) / 6
/// V₄ = 2(d₁ − d₃) + (d₄ − d₂)    U₄ = g₂
/// </code>
/// </remarks>
internal static unsafe class WinogradF3
{
    /// <summary>Output rows per tile (m) and rows per kernel slice (r).</summary>
    public const int TileRows = 3;

    /// <summary>Input rows per tile and transformed components: m + r − 1.</summary>
    public const int Components = 5;

    /// <summary>Σ_j |Bᵀ[c, j]| of the scaled data transform, row by row: the most a component can grow over its inputs.</summary>
    private static ReadOnlySpan<double> DataGrowth => [6, 4, 6, 2, 6];

    /// <summary>|Aᵀ[i, c]|, the output transform, row by row.</summary>
    private static ReadOnlySpan<double> OutputWeights => [1, 1, 1, 1, 0, 0, 1, 1, 2, 0, 0, 1, 1, 4, 1];

    /// <summary>Kernel slices of three rows a kernel of <paramref name="kernelHeight"/> rows takes.</summary>
    public static int Slices(int kernelHeight) => (kernelHeight + TileRows - 1) / TileRows;

    /// <summary>
    /// The transformed kernel: component c's S × kw correlation kernel at c·S·kw, row s from the slice of kernel rows
    /// 3s .. 3s + 2 (rows past kh are zero). Computed in double and rounded once.
    /// </summary>
    public static float[] TransformKernel(float[] taps, int kernelHeight, int kernelWidth)
    {
        int slices = Slices(kernelHeight), plane = slices * kernelWidth;
        var transformed = new float[Components * plane];
        for (int s = 0; s < slices; s++)
        {
            for (int j = 0; j < kernelWidth; j++)
            {
                double g0 = Tap(taps, kernelHeight, kernelWidth, 3 * s, j);
                double g1 = Tap(taps, kernelHeight, kernelWidth, (3 * s) + 1, j);
                double g2 = Tap(taps, kernelHeight, kernelWidth, (3 * s) + 2, j);
                int at = (s * kernelWidth) + j;
                transformed[at] = (float)(g0 / 2);
                transformed[plane + at] = (float)((g0 + g1 + g2) / 2);
                transformed[(2 * plane) + at] = (float)((g0 - g1 + g2) / 6);
                transformed[(3 * plane) + at] = (float)((g0 + (2 * g1) + (4 * g2)) / 6);
                transformed[(4 * plane) + at] = (float)g2;
            }
        }

        return transformed;
    }

    /// <summary>
    /// Per unit of max|x|: (S·kw + 10)·2⁻²³ · max_i Σ_c |Aᵀ[i, c]| · Σ|U_c| · Σ_j|Bᵀ[c, j]|. The data transform rounds at most
    /// four times per component, each product sum S·kw times plus once for U's own rounding, and the output transform four
    /// times; every partial result is bounded by the term it belongs to, and 2⁻²³ is twice the unit roundoff, which covers
    /// the second-order terms and Reference's own rounding.
    /// </summary>
    public static double ErrorFactor(float[] transformed, int kernelHeight, int kernelWidth)
    {
        int plane = Slices(kernelHeight) * kernelWidth;
        Span<double> growth = stackalloc double[Components];
        for (int c = 0; c < Components; c++)
        {
            double sum = 0;
            foreach (float u in transformed.AsSpan(c * plane, plane)) sum += Math.Abs(u);
            growth[c] = sum * DataGrowth[c];
        }

        double worst = 0;
        for (int i = 0; i < TileRows; i++)
        {
            double row = 0;
            for (int c = 0; c < Components; c++) row += OutputWeights[(i * Components) + c] * growth[c];
            worst = Math.Max(worst, row);
        }

        return (plane + 10) * Math.Pow(2, -23) * worst;
    }

    private static double Tap(float[] taps, int kernelHeight, int kernelWidth, int row, int column) =>
        row < kernelHeight ? taps[(row * kernelWidth) + column] : 0;

    /// <summary>Vectors of the five input rows at one column block into the five components, stored at <paramref name="v0"/> … <paramref name="v4"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Input<TOps, TVector>(TVector d0, TVector d1, TVector d2, TVector d3, TVector d4, float* v0, float* v1, float* v2, float* v3, float* v4)
        where TOps : IVectorOps<TVector>
        where TVector : struct
    {
        TVector two = TOps.Broadcast(2), three = TOps.Broadcast(3);
        TOps.Store(v0, TOps.MultiplyAdd(two, TOps.Subtract(d0, d2), TOps.Subtract(d3, d1)));
        TOps.Store(v1, TOps.MultiplyAdd(two, d1, TOps.Subtract(d2, d3)));
        TOps.Store(v2, TOps.Subtract(TOps.MultiplyAdd(three, d2, TOps.Zero), TOps.MultiplyAdd(two, d1, d3)));
        TOps.Store(v3, TOps.Subtract(d3, d1));
        TOps.Store(v4, TOps.MultiplyAdd(two, TOps.Subtract(d1, d3), TOps.Subtract(d4, d2)));
    }

    /// <summary>One column of the five input rows into the five components (edges and narrow rows).</summary>
    public static void Input(float d0, float d1, float d2, float d3, float d4, float** v, int x)
    {
        v[0][x] = (2 * (d0 - d2)) + (d3 - d1);
        v[1][x] = (2 * d1) + (d2 - d3);
        v[2][x] = (3 * d2) - ((2 * d1) + d3);
        v[3][x] = d3 - d1;
        v[4][x] = (2 * (d1 - d3)) + (d4 - d2);
    }

    /// <summary>The five component products <paramref name="m0"/> … <paramref name="m4"/> at one column block into the tile's output rows <paramref name="y0"/> … <paramref name="y2"/> (the first <paramref name="rows"/> of them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Output<TOps, TVector>(float* m0, float* m1, float* m2, float* m3, float* m4, float* y0, float* y1, float* y2, int rows)
        where TOps : IVectorOps<TVector>
        where TVector : struct
    {
        TVector p0 = TOps.Load(m0), p1 = TOps.Load(m1), p2 = TOps.Load(m2), p3 = TOps.Load(m3);
        TVector sum12 = TOps.Add(p1, p2);
        TOps.Store(y0, TOps.Add(TOps.Add(p0, p3), sum12));
        if (rows > 1) TOps.Store(y1, TOps.MultiplyAdd(TOps.Broadcast(2), p3, TOps.Subtract(p1, p2)));
        if (rows > 2) TOps.Store(y2, TOps.MultiplyAdd(TOps.Broadcast(4), p3, TOps.Add(sum12, TOps.Load(m4))));
    }

    /// <summary>One column of <see cref="Output{TOps, TVector}"/>.</summary>
    public static void Output(float** m, float** y, int rows, int x)
    {
        float p1 = m[1][x], p2 = m[2][x], p3 = m[3][x], sum12 = p1 + p2;
        y[0][x] = m[0][x] + p3 + sum12;
        if (rows > 1) y[1][x] = (2 * p3) + (p1 - p2);
        if (rows > 2) y[2][x] = (4 * p3) + (sum12 + m[4][x]);
    }
}
