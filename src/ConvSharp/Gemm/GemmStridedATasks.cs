using System;
using System.Runtime.CompilerServices;
using ConvSharp.Execution;

namespace ConvSharp.GemmKernels;

/// <summary>
/// The product with B packed in advance (<see cref="GemmPackedB"/>) and A read in place, one task per chunk of A's row
/// strips: each strip's rows stay in L1 while every strip of B (all of it in L2) passes under them. Nothing is packed
/// per call but a strip the matrix's edge cuts short, which goes through the band's scratch and the edge kernels.
/// </summary>
internal readonly unsafe struct GemmStridedATasks<TKernel> : IRowBandOperation
    where TKernel : struct, IGemmMicroKernel
{
    private readonly GemmOperands _operands;
    private readonly float* _b;
    private readonly int _kcMax, _paddedN, _chunks;
    private readonly float* _scratch;
    private readonly long _bandFloats;

    public GemmStridedATasks(GemmOperands operands, float* packedB, int kcMax, int paddedN, int chunks, float* scratch, long bandFloats)
    {
        _operands = operands;
        _b = packedB;
        _kcMax = kcMax;
        _paddedN = paddedN;
        _chunks = chunks;
        _scratch = scratch;
        _bandFloats = bandFloats;
    }

    /// <summary>Floats each band needs: one edge strip of A packed (MR × kc) and one MR × NR edge tile.</summary>
    public static long BandFloats(int kcMax) => ((long)TKernel.Rows * kcMax) + (TKernel.Rows * TKernel.Columns);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        ref readonly GemmOperands o = ref _operands;
        int mr = TKernel.Rows, nr = TKernel.Columns, rowStrips = GemmRowStrips.Count(o.M, mr), columnStrips = (o.N + nr - 1) / nr;
        float* edgeA = _scratch + (band * _bandFloats), tile = edgeA + ((long)mr * _kcMax);
        for (int chunk = start; chunk < end; chunk++)
        {
            // Chunk c holds row strips [c·S/chunks, (c + 1)·S/chunks): sizes differ by at most one.
            int first = (int)((long)chunk * rowStrips / _chunks), last = (int)((long)(chunk + 1) * rowStrips / _chunks);
            for (int p0 = 0; p0 < o.K; p0 += _kcMax)
            {
                int kc = Math.Min(_kcMax, o.K - p0);
                float beta = p0 == 0 ? o.Beta : 1f;   // later depth blocks add to what the first wrote
                float* block = _b + ((long)p0 * _paddedN);
                for (int i = first; i < last; i++)
                {
                    var (row, height) = GemmRowStrips.Strip(i, o.M, mr);
                    float* a = o.A + (row * o.ARowStride) + p0;
                    bool edgePacked = false;
                    for (int s = 0; s < columnStrips; s++)
                    {
                        int columns = Math.Min(nr, o.N - (s * nr));
                        float* b = block + ((long)s * kc * nr), c = o.C + (row * o.Ldc) + (s * nr);
                        if (height == mr && columns == nr)
                        {
                            TKernel.RunStridedA(kc, a, o.ARowStride, b, c, o.Ldc, o.Alpha, beta);
                            continue;
                        }

                        if (!edgePacked) GemmPacking.PackA(o.A, o.ARowStride, 1, row, height, p0, kc, mr, edgeA);
                        edgePacked = true;
                        if (columns == nr) TKernel.RunRows(height, kc, edgeA, b, c, o.Ldc, o.Alpha, beta);
                        else GemmEdge.Run<TKernel>(kc, edgeA, b, c, o.Ldc, height, columns, o.Alpha, beta, tile);
                    }
                }
            }
        }
    }
}
