using System;
using System.Runtime.CompilerServices;
using ConvSharp.Borders;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// Separable's row pass for one or two intermediate rows (stride 1 in x): the interior through
/// <see cref="RowPairKernel{TOps, TVector}"/> (or <see cref="ResidueRowKernel{TOps, TVector}"/> for a single row), the
/// edges from bordered buffers through the row driver with <see cref="ResidueRowKernel{TOps, TVector}"/>: every sample in
/// the same residue order. Used by the strips (<see cref="SeparableRowBands{TOps, TVector}"/>) and the one-pass form
/// (<see cref="SeparableRingBands{TOps, TVector}"/>), which differ only in where the rows go.
/// </summary>
internal readonly unsafe struct SeparableRowPass<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private readonly ScratchLayout _layout;
    private readonly float* _scratch;
    private readonly int _interiorStart, _interiorEnd;

    /// <summary>A row pass for <paramref name="d"/> (its kernel one rank's row taps) over the band scratch at <paramref name="scratch"/> (<see cref="RowDriver.BandScratchFloats"/> for one row).</summary>
    public SeparableRowPass(in ConvolutionData d, float* scratch)
    {
        var kernel = default(ResidueRowKernel<TOps, TVector>);
        _layout = new ScratchLayout(in d, kernel.HandlesHorizontalStride, kernel.VectorWidth, 1);
        _scratch = scratch;
        _interiorStart = Math.Max(d.InteriorStart, _layout.LeftEnd);
        _interiorEnd = Math.Min(d.InteriorEnd, _layout.RightStart);
    }

    /// <summary>
    /// Intermediate row <paramref name="row"/> (virtual input row row − ay) into <paramref name="dstA"/> and, unless
    /// <paramref name="dstB"/> is null, row + 1 into <paramref name="dstB"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(in ConvolutionData d, long row, float* dstA, float* dstB)
    {
        var kernel = default(ResidueRowKernel<TOps, TVector>);
        float** sources = (float**)_scratch;
        float** rows = sources + 1;
        float* buffers = _scratch + RowDriver.PointerFloats(1);
        float* a = RowSources.Row(in d, row - d.AnchorY), b = dstB is null ? null : RowSources.Row(in d, row + 1 - d.AnchorY);
        if (_interiorStart < _interiorEnd)
        {
            if (dstB is not null) RowPairKernel<TOps, TVector>.Run(a - d.AnchorX, b - d.AnchorX, dstA, dstB, _interiorStart, _interiorEnd, in d);
            else
            {
                float* shifted = a - d.AnchorX;
                kernel.Run(&shifted, dstA, _interiorStart, _interiorEnd, in d);
            }
        }

        sources[0] = a;
        RowDriver.RunEdges(in d, ref kernel, sources, rows, dstA, buffers, in _layout);
        if (dstB is null) return;
        sources[0] = b;
        RowDriver.RunEdges(in d, ref kernel, sources, rows, dstB, buffers, in _layout);
    }
}
