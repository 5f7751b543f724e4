using ConvSharp.Execution;

namespace ConvSharp.GemmKernels;

/// <summary>Packs strips [start, end) of one B panel: the threads pack a panel together before any of them computes with it.</summary>
internal readonly unsafe struct GemmPackBBands(GemmOperands operands, int p0, int kc, int j0, int nc, int nr, float* packed) : IRowBandOperation
{
    public void Invoke(int band, int start, int end) =>
        GemmPacking.PackB(operands.B, operands.BRowStride, operands.BColumnStride, p0, kc, j0, nc, nr, start, end, packed);
}
