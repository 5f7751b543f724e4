using System;
using System.Buffers;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>
/// A band of output rows for the stencil: blocks of four rows go through <see cref="StencilBlockKernel{TSize, TOps, TVector}"/>
/// on their interior columns; edge columns and the last rows of a band that do not fill a block go row by row through
/// <see cref="SimdRowKernel{TOps, TVector}"/>, which does the same arithmetic.
/// </summary>
internal readonly unsafe struct StencilBands<TSize, TOps, TVector>(ConvolutionData data) : IRowBandOperation
    where TSize : IStencilSize
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private const int BlockRows = StencilBlockKernel<TSize, TOps, TVector>.Rows;
    private readonly ConvolutionData _data = data;

    public void Invoke(int start, int end)
    {
        ref readonly ConvolutionData d = ref _data;
        int kh = d.KernelHeight;
        var rowKernel = default(SimdRowKernel<TOps, TVector>);
        var layout = new ScratchLayout(in d, rowKernel.HandlesHorizontalStride);
        float[] scratch = ArrayPool<float>.Shared.Rent(Math.Max(1, layout.TotalFloats));
        try
        {
            fixed (float* scratchPtr = scratch)
            {
                // Sources for a block: input rows y − ay .. y − ay + K + 2 (stride and dilation 1), then row pointers.
                int sourceCount = kh + BlockRows - 1;
                float** sources = stackalloc float*[sourceCount];
                float** rows = stackalloc float*[sourceCount];
                float** outputs = stackalloc float*[BlockRows];
                bool interior = d.InteriorEnd - d.InteriorStart >= TOps.Count;
                int y = start;
                for (; y + BlockRows <= end; y += BlockRows)
                {
                    for (int t = 0; t < sourceCount; t++) sources[t] = RowDriver.SourceRow(in d, (long)y + t - d.AnchorY);
                    if (interior)
                    {
                        for (int t = 0; t < sourceCount; t++) rows[t] = sources[t] - d.AnchorX;
                        for (int o = 0; o < BlockRows; o++) outputs[o] = d.Output + (long)(y + o) * d.OutputPitch;
                        StencilBlockKernel<TSize, TOps, TVector>.Run(rows, outputs, d.InteriorStart, d.InteriorEnd, in d);
                    }

                    for (int o = 0; o < BlockRows; o++)
                    {
                        float* dst = d.Output + (long)(y + o) * d.OutputPitch;
                        if (interior) RowDriver.RunEdges(in d, ref rowKernel, sources + o, rows, dst, scratchPtr, in layout);
                        else RowDriver.RunOutputRow(in d, ref rowKernel, sources + o, rows, dst, scratchPtr, in layout);
                    }
                }

                for (; y < end; y++)
                {
                    RowDriver.SourceRows(in d, y, sources);
                    RowDriver.RunOutputRow(in d, ref rowKernel, sources, rows, d.Output + (long)y * d.OutputPitch, scratchPtr, in layout);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }
}
