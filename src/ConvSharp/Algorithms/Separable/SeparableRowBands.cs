using System;
using System.Runtime.CompilerServices;
using ConvSharp.Borders;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// Separable's row pass over a band of intermediate rows (stride 1 in x): pairs of rows through
/// <see cref="RowPairKernel{TOps, TVector}"/> on their interior columns, edges and a leftover row through the row driver
/// with <see cref="ResidueRowKernel{TOps, TVector}"/>, which adds in the same (residue) order.
/// </summary>
internal readonly unsafe struct SeparableRowBands<TOps, TVector>(ConvolutionData data) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private readonly ConvolutionData _data = data;

    // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        ref readonly ConvolutionData d = ref _data;
        var kernel = default(ResidueRowKernel<TOps, TVector>);
        var layout = new ScratchLayout(in d, kernel.HandlesHorizontalStride, kernel.VectorWidth, 1);
        float* scratch = d.BandScratch(band);
        float** sources = (float**)scratch;
        float** rows = sources + 1;
        float* buffers = scratch + RowDriver.PointerFloats(1);
        int interiorStart = Math.Max(d.InteriorStart, layout.LeftEnd), interiorEnd = Math.Min(d.InteriorEnd, layout.RightStart);
        int y = start;
        for (; y + 1 < end; y += 2)
        {
            float* a = RowSources.Row(in d, (long)y - d.AnchorY), b = RowSources.Row(in d, (long)y + 1 - d.AnchorY);
            float* dstA = d.Output + ((long)y * d.OutputPitch), dstB = dstA + d.OutputPitch;
            if (interiorStart < interiorEnd) RowPairKernel<TOps, TVector>.Run(a - d.AnchorX, b - d.AnchorX, dstA, dstB, interiorStart, interiorEnd, in d);
            sources[0] = a;
            RowDriver.RunEdges(in d, ref kernel, sources, rows, dstA, buffers, in layout);
            sources[0] = b;
            RowDriver.RunEdges(in d, ref kernel, sources, rows, dstB, buffers, in layout);
        }

        if (y < end) RowDriver.RunRows(in d, kernel, y, end, scratch);
    }
}
