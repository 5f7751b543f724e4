using System;
using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// The column pass over a band of a strip's output rows: output row y adds, for each rank r and tap i, u_r[i] times
/// intermediate row y·sy + i·dy of plane r. The R·kh rows are handed to a row kernel as one R·kh × 1 kernel, so each
/// output sample sums rank by rank, tap by tap, in that fixed order, wherever its strip and band begin.
/// </summary>
/// <remarks>
/// With vertical stride and dilation 1, blocks of four output rows go through <see cref="ColumnBlockKernel{TOps, TVector}"/>
/// (when <paramref name="blocks"/>), which shares each row load among them and adds in the same order.
/// </remarks>
internal readonly unsafe struct SeparableColumnBands<TKernel, TOps, TVector>(ConvolutionData data, float* planes, long planeFloats, int rank, int taps, int strideY, int dilationY, bool blocks, TKernel kernel) : IRowBandOperation
    where TKernel : struct, IRowKernel
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private readonly ConvolutionData _data = data;
    private readonly TKernel _kernel = kernel;

    // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end) =>
        SeparableColumnTiles<StripRows, TKernel, TOps, TVector>.Run(
            new StripRows(planes, planeFloats, _data.InputPitch), (float**)_data.BandScratch(band), in _data, rank, taps, strideY, dilationY, blocks, _kernel, start, end, SeparableColumnTiles<StripRows, TKernel, TOps, TVector>.StripTileWidth);
}
