using System.Runtime.CompilerServices;

namespace ConvSharp.GemmKernels;

/// <summary>
/// The fallback tile where no vectors are accelerated (<c>DOTNET_EnableHWIntrinsic=0</c>): 4 × 4 scalar accumulators,
/// each a chain over p in order, as in <see cref="VectorMicroKernel{TOps, TVector}"/>.
/// </summary>
internal readonly unsafe struct ScalarMicroKernel : IGemmMicroKernel
{
    public static int Rows => 4;

    public static int Columns => 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, long ldc, float alpha, float beta) => RunRows(4, kc, a, b, c, ldc, alpha, beta);

    /// <summary>Packs the strip first, then runs it: the scalar tier gains nothing from fusing.</summary>
    public static void RunPacking(int kc, float* a, float* source, long ldb, float* packed, float* c, long ldc, float alpha, float beta)
    {
        GemmPacking.PackB(source, ldb, 1, 0, kc, 0, Columns, Columns, 0, 1, packed);
        RunRows(4, kc, a, packed, c, ldc, alpha, beta);
    }

    /// <summary>Packs A's four rows first, then runs them: the scalar tier gains nothing from reading them in place.</summary>
    public static void RunStridedA(int kc, float* a, long lda, float* b, float* c, long ldc, float alpha, float beta)
    {
        float* packed = stackalloc float[4 * kc];
        GemmPacking.PackA(a, lda, 1, 0, 4, 0, kc, 4, packed);
        RunRows(4, kc, packed, b, c, ldc, alpha, beta);
    }

    /// <summary>The first <paramref name="rows"/> rows of the tile (all four from <see cref="Run"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRows(int rows, int kc, float* a, float* b, float* c, long ldc, float alpha, float beta)
    {
        float* acc = stackalloc float[16];
        for (int i = 0; i < 16; i++) acc[i] = 0f;
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < rows; r++)
            {
                float x = a[r];
                acc[(r * 4) + 0] = float.MultiplyAddEstimate(x, b[0], acc[(r * 4) + 0]);
                acc[(r * 4) + 1] = float.MultiplyAddEstimate(x, b[1], acc[(r * 4) + 1]);
                acc[(r * 4) + 2] = float.MultiplyAddEstimate(x, b[2], acc[(r * 4) + 2]);
                acc[(r * 4) + 3] = float.MultiplyAddEstimate(x, b[3], acc[(r * 4) + 3]);
            }

            a += 4;
            b += 4;
        }

        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < 4; j++)
            {
                float* target = c + (r * ldc) + j;
                *target = GemmEdge.Combine(acc[(r * 4) + j], alpha, beta, *target);
            }
        }
    }
}
