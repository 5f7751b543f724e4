using System;
using ConvSharp.Execution;

namespace ConvSharp.GemmKernels;

/// <summary>
/// Packs one depth block of both operands, shared by every task that computes with it: items [0, bStrips) are the B
/// panel's NR-column strips, the rest op(A)'s strips over all m rows (<see cref="GemmRowStrips"/>). The threads pack
/// together, then compute; so no A block is packed twice when the panel's columns are split between tasks.
/// </summary>
internal readonly unsafe struct GemmPackBands(GemmOperands operands, int p0, int kc, int j0, int nc, int mr, int nr, int bStrips, float* packedB, float* packedA) : IRowBandOperation
{
    public void Invoke(int band, int start, int end)
    {
        int bEnd = Math.Min(end, bStrips);
        if (start < bEnd) GemmPacking.PackB(operands.B, operands.BRowStride, operands.BColumnStride, p0, kc, j0, nc, nr, start, bEnd, packedB);
        for (int s = Math.Max(start, bStrips) - bStrips; s < end - bStrips; s++)
        {
            var (row, height) = GemmRowStrips.Strip(s, operands.M, mr);
            GemmPacking.PackA(operands.A, operands.ARowStride, operands.AColumnStride, row, height, p0, kc, mr, packedA + ((long)s * mr * kc));
        }
    }
}
