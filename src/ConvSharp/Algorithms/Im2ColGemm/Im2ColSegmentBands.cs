using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.GemmKernels;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Im2ColGemm;

/// <summary>
/// Im2ColGemm's bands: each band walks its output rows a segment at a time, writes the segment's column panel into its
/// workspace slice (im2col), then multiplies the taps' row by it straight into the output rows (gemm; on one plane the
/// product is a row times a matrix, so the SGEMM's one-row path). The output rows are C, so there is no col2im.
/// </summary>
internal readonly unsafe struct Im2ColSegmentBands<TOps, TVector>(ConvolutionData data, Im2ColLayout layout, float* taps, BandStageTimes? times) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        ref readonly ConvolutionData d = ref data;
        float* panel = d.BandScratch(band);
        int k = d.KernelHeight * d.KernelWidth;
        for (int y = start; y < end; y += layout.SegmentRows)
        {
            int rows = Math.Min(layout.SegmentRows, end - y);
            for (int x0 = 0; x0 < d.OutputWidth; x0 += layout.SegmentColumns)
            {
                int x1 = Math.Min(d.OutputWidth, x0 + layout.SegmentColumns), width = x1 - x0;
                long ld = (long)rows * width;
                long t0 = times is null ? 0 : Stopwatch.GetTimestamp();
                Im2Col.FillPanel(in d, y, rows, x0, x1, panel, ld);
                long t1 = times is null ? 0 : Stopwatch.GetTimestamp();
                for (int r = 0; r < rows; r++)
                {
                    var product = new GemmOperands(1, width, k, 1f, taps, k, 1, panel + ((long)r * width), ld, 1, 0f, d.Output + ((long)(y + r) * d.OutputPitch) + x0, width);
                    new GemvBands<TOps, TVector>(product, width).Invoke(0, 0, 1);
                }

                if (times is not null)
                {
                    long t2 = Stopwatch.GetTimestamp();
                    times.Add(0, t1 - t0);
                    times.Add(1, t2 - t1);
                }
            }
        }
    }
}
