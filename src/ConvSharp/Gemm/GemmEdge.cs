using System.Runtime.CompilerServices;

namespace ConvSharp.GemmKernels;

/// <summary>Tiles cut by the matrix's edge, and the one scalar rule every tile uses to fold alpha and beta in.</summary>
internal static unsafe class GemmEdge
{
    /// <summary>alpha·acc + beta·c, rounded as the vector tiles round it; with beta = 0, c is not read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Combine(float acc, float alpha, float beta, float c) =>
        beta == 0f ? float.MultiplyAddEstimate(acc, alpha, 0f) : float.MultiplyAddEstimate(acc, alpha, float.MultiplyAddEstimate(c, beta, 0f));

    /// <summary>
    /// A tile of <paramref name="rows"/> × <paramref name="columns"/> (less than the kernel's full tile): the kernel writes
    /// its whole tile into <paramref name="tile"/>, then only the part inside C is combined into C.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Run<TKernel>(int kc, float* a, float* b, float* c, long ldc, int rows, int columns, float alpha, float beta, float* tile)
        where TKernel : struct, IGemmMicroKernel
    {
        int nr = TKernel.Columns;
        TKernel.Run(kc, a, b, tile, nr, 1f, 0f);
        for (int r = 0; r < rows; r++)
        {
            float* source = tile + (r * nr), target = c + (r * ldc);
            for (int j = 0; j < columns; j++) target[j] = Combine(source[j], alpha, beta, target[j]);
        }
    }
}
