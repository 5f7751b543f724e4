using System;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Matmul;

/// <summary>
/// The notebook's <c>matmulcore_cpu</c>: C[j] += A[k]·B[k, j] for every k, then every j, in a plain loop over a band
/// of output columns: no packing, no blocking, no vectors. What the SGEMM's packing and blocking buy is the difference.
/// </summary>
internal readonly unsafe struct MatmulBands(float* taps, int k, float* columns, long n, float* result) : IRowBandOperation
{
    /// <summary>Output columns per band row of the parallel loop.</summary>
    public const int ColumnsPerTask = 4096;

    public void Invoke(int band, int start, int end)
    {
        long j0 = (long)start * ColumnsPerTask, j1 = Math.Min(n, (long)end * ColumnsPerTask);
        for (long j = j0; j < j1; j++) result[j] = 0f;
        for (int p = 0; p < k; p++)
        {
            float a = taps[p];
            float* row = columns + (p * n);
            for (long j = j0; j < j1; j++) result[j] += a * row[j];
        }
    }
}
