using System;
using System.Runtime.CompilerServices;
using ConvSharp.Execution;

namespace ConvSharp.GemmKernels;

/// <summary>
/// The blocks of C under one packed depth block, as tasks: task t is block row t ÷ Chunks (mc rows of the packed op(A))
/// times column chunk t mod Chunks of the packed B panel. Both operands were packed once, together, before the tasks run.
/// </summary>
internal readonly unsafe struct GemmBlockTasks<TKernel> : IRowBandOperation
    where TKernel : struct, IGemmMicroKernel
{
    private readonly GemmOperands _operands;
    private readonly int _kc, _j0, _nc, _mc, _chunks, _stripsPerChunk;
    private readonly float _beta;
    private readonly float* _packedB, _packedA, _bandScratch;
    private readonly long _bandFloats;

    public GemmBlockTasks(GemmOperands operands, int kc, int j0, int nc, int mc, int chunks, int stripsPerChunk, float beta, float* packedB, float* packedA, float* bandScratch, long bandFloats)
    {
        _operands = operands;
        _kc = kc;
        _j0 = j0;
        _nc = nc;
        _mc = mc;
        _chunks = chunks;
        _stripsPerChunk = stripsPerChunk;
        _beta = beta;
        _packedB = packedB;
        _packedA = packedA;
        _bandScratch = bandScratch;
        _bandFloats = bandFloats;
    }

    /// <summary>Floats each band needs: one MR × NR edge tile.</summary>
    public static long BandFloats => TKernel.Rows * TKernel.Columns;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        ref readonly GemmOperands o = ref _operands;
        int mr = TKernel.Rows, nr = TKernel.Columns, kc = _kc;
        float* tile = _bandScratch + (band * _bandFloats);
        int strips = (_nc + nr - 1) / nr;
        for (int t = start; t < end; t++)
        {
            int block = t / _chunks, chunk = t % _chunks;
            int i0 = block * _mc, rows = Math.Min(_mc, o.M - i0);
            float* packedA = _packedA + ((long)i0 * kc);
            int s1 = Math.Min(strips, (chunk + 1) * _stripsPerChunk);
            for (int s = chunk * _stripsPerChunk; s < s1; s++)
            {
                int columns = Math.Min(nr, _nc - (s * nr));
                float* b = _packedB + ((long)s * nr * kc);
                float* c = o.C + ((long)i0 * o.Ldc) + _j0 + (s * nr);
                for (int r = 0; r < rows; r += mr, c += mr * o.Ldc)
                {
                    float* a = packedA + ((long)r * kc);
                    int height = Math.Min(mr, rows - r);
                    if (height == mr && columns == nr) TKernel.Run(kc, a, b, c, o.Ldc, o.Alpha, _beta);
                    else if (columns == nr) TKernel.RunRows(height, kc, a, b, c, o.Ldc, o.Alpha, _beta);
                    else GemmEdge.Run<TKernel>(kc, a, b, c, o.Ldc, height, columns, o.Alpha, _beta, tile);
                }
            }
        }
    }
}
