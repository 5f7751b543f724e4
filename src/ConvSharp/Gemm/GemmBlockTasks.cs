using System;
using System.Runtime.CompilerServices;
using ConvSharp.Execution;

namespace ConvSharp.GemmKernels;

/// <summary>
/// The blocks of C under one packed depth block, as tasks: task t is block row t ÷ Chunks (mc ÷ MR strips of the packed op(A))
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
            int rowStrips = GemmRowStrips.Count(o.M, mr), i1 = Math.Min(rowStrips, (block + 1) * (_mc / mr));
            int s1 = Math.Min(strips, (chunk + 1) * _stripsPerChunk);
            for (int s = chunk * _stripsPerChunk; s < s1; s++)
            {
                int columns = Math.Min(nr, _nc - (s * nr));
                float* b = _packedB + ((long)s * nr * kc);
                for (int i = block * (_mc / mr); i < i1; i++)
                {
                    var (row, height) = GemmRowStrips.Strip(i, o.M, mr);
                    float* a = _packedA + ((long)i * mr * kc);
                    float* c = o.C + ((long)row * o.Ldc) + _j0 + (s * nr);
                    if (height == mr && columns == nr) TKernel.Run(kc, a, b, c, o.Ldc, o.Alpha, _beta);
                    else if (columns == nr) TKernel.RunRows(height, kc, a, b, c, o.Ldc, o.Alpha, _beta);
                    else GemmEdge.Run<TKernel>(kc, a, b, c, o.Ldc, height, columns, o.Alpha, _beta, tile);
                }
            }
        }
    }
}
