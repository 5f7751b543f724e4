using System;
using System.Runtime.CompilerServices;
using ConvSharp.Borders;

namespace ConvSharp.Execution;

/// <summary>
/// Runs an <see cref="IRowKernel"/> over output rows, handling every border outside the kernel's hot loop.
/// </summary>
/// <remarks>
/// <para>Rows: each tap row's virtual input row y·sy + i·dy − ay is mapped through the border once per output row. A row
/// outside the input becomes a pointer to another input row (Replicate, Reflect, Reflect101, Wrap) or to the shared fill row
/// (Constant), so no row is ever copied.</para>
/// <para>Columns: the interior output columns (whose taps all land inside the input) read the input rows in place. The
/// few columns at the left and right edges read small per-tap-row edge buffers, filled through the border map. So the
/// kernel always sees a row pointer p with p[x·sx + j·dx] equal to the bordered sample at column x·sx + j·dx − ax.</para>
/// <para>Horizontal stride: kernels that only step by one column compute the dense stride-1 segment into a scratch row
/// and the driver keeps every sx-th sample (the one shared pre-pass for stride).</para>
/// <para>Allocation: none. Each band's row pointers, edge buffers and dense row live in its slice of the call's workspace
/// (<see cref="BandScratchFloats"/>); their size depends on the kernel and the edges, and on the row width only when sx &gt; 1.</para>
/// </remarks>
internal static unsafe class RowDriver
{
    /// <summary>
    /// Floats a band needs in the workspace to run a row kernel over <paramref name="bufferedRows"/> source rows at a time:
    /// two row-pointer arrays, then the edge buffers and the dense row of <see cref="ScratchLayout"/>. Sized for the widest
    /// edge segment and the dense stride row, so one figure serves every tier and every row kernel.
    /// </summary>
    public static long BandScratchFloats(in ConvolutionData d, int bufferedRows) =>
        SeparateBands(StagingOffset(in d, bufferedRows) + StagedRows.Floats(in d, bufferedRows));

    /// <summary>Where a band's staged rows (<see cref="StagedRows"/>) start in its slice: after the pointers and the largest edge layout.</summary>
    public static long StagingOffset(in ConvolutionData d, int bufferedRows) =>
        PointerFloats(bufferedRows) + new ScratchLayout(in d, kernelHandlesStride: false, MaxEdgeWidth, bufferedRows).TotalFloats;

    /// <summary>
    /// Rounds a band's slice up to whole 128-byte blocks plus one spare block, so two bands never write the same cache
    /// line, nor the pair of lines the adjacent-line prefetcher fetches together: bands run on different cores and
    /// rewrite their edge buffers every row, and a shared line would bounce between the cores (measured: Simd 3×3 on
    /// 1024², two threads, 2.47 ms with adjacent slices against 0.66 ms before slices existed).
    /// </summary>
    public static long SeparateBands(long floats) => ((floats + 31) / 32 * 32) + 32;

    /// <summary>Floats that hold 2·<paramref name="rows"/> pointers, kept even so the buffers after them stay 8-byte aligned.</summary>
    public static int PointerFloats(int rows) => 2 * rows * (sizeof(nint) / sizeof(float));

    /// <summary>
    /// The widest edge segment any kernel asks for, in output columns: six Vector512s, the column step of
    /// <see cref="Algorithms.Stencil.AnySizeBlockKernel{TOps, TVector}"/> at the widest tier.
    /// </summary>
    public const int MaxEdgeWidth = 6 * 16;

    // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRows<TKernel>(in ConvolutionData d, TKernel kernel, int y0, int y1, float* scratch)
        where TKernel : struct, IRowKernel
    {
        var layout = new ScratchLayout(in d, kernel.HandlesHorizontalStride, kernel.VectorWidth, d.KernelHeight);
        int kh = d.KernelHeight;
        float** sources = (float**)scratch;
        float** rows = sources + kh;
        float* buffers = scratch + PointerFloats(kh);
        if (StagedRows.Worthwhile(in d, kh))
        {
            // Consecutive input rows (stride and dilation 1) whose pitch would make them share L1 sets: read them from a ring.
            var staged = new StagedRows(scratch + StagingOffset(in d, kh), kh, in d);
            for (int y = y0; y < y1; y++)
            {
                long top = (long)y - d.AnchorY;
                for (int i = 0; i < kh; i++) sources[i] = staged.Row(in d, top + i);
                RunOutputRow(in d, ref kernel, sources, rows, d.Output + (long)y * d.OutputPitch, buffers, in layout);
            }

            return;
        }

        for (int y = y0; y < y1; y++)
        {
            SourceRows(in d, y, sources);
            RunOutputRow(in d, ref kernel, sources, rows, d.Output + (long)y * d.OutputPitch, buffers, in layout);
        }
    }

    /// <summary>Pointers to the (bordered) input row each tap row of output row <paramref name="y"/> reads, global-indexed (see <see cref="RowSources"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SourceRows(in ConvolutionData d, int y, float** sources)
    {
        long top = (long)y * d.StrideY - d.AnchorY;
        for (int i = 0; i < d.KernelHeight; i++)
            sources[i] = RowSources.Row(in d, top + (long)i * d.DilationY);
    }

    /// <summary>Computes one output row: interior columns straight from <paramref name="sources"/>, edge columns through edge buffers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunOutputRow<TKernel>(in ConvolutionData d, ref TKernel kernel, float** sources, float** rows, float* dst, float* scratch, in ScratchLayout layout)
        where TKernel : struct, IRowKernel
    {
        // The interior less what the widened edges already cover.
        int start = Math.Max(d.InteriorStart, layout.LeftEnd), end = Math.Min(d.InteriorEnd, layout.RightStart);
        if (start < end)
        {
            for (int i = 0; i < d.KernelHeight; i++) rows[i] = sources[i] - d.AnchorX;
            RunSegment(in d, ref kernel, rows, dst, start, end, scratch + layout.DenseOffset);
        }

        RunEdges(in d, ref kernel, sources, rows, dst, scratch, in layout);
    }

    /// <summary>Computes only the left and right edge columns of one output row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunEdges<TKernel>(in ConvolutionData d, ref TKernel kernel, float** sources, float** rows, float* dst, float* scratch, in ScratchLayout layout)
        where TKernel : struct, IRowKernel
    {
        int kh = d.KernelHeight;
        if (layout.LeftEnd > 0)
        {
            RowSources.FillEdgeRows(in d, sources, kh, 0, layout.LeftLength, scratch, rows);
            RunSegment(in d, ref kernel, rows, dst, 0, layout.LeftEnd, scratch + layout.DenseOffset);
        }

        if (layout.RightStart < d.OutputWidth)
        {
            RowSources.FillEdgeRows(in d, sources, kh, layout.RightStart, layout.RightLength, scratch + layout.RightOffset, rows);
            RunSegment(in d, ref kernel, rows, dst, layout.RightStart, d.OutputWidth, scratch + layout.DenseOffset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunSegment<TKernel>(in ConvolutionData d, ref TKernel kernel, float** rows, float* dst, int x0, int x1, float* dense)
        where TKernel : struct, IRowKernel
    {
        int sx = d.StrideX;
        if (sx == 1 || kernel.HandlesHorizontalStride)
        {
            kernel.Run(rows, dst, x0, x1, in d);
            return;
        }

        // Dense stride-1 columns x' = x·sx for x in [x0, x1): the kernel writes dense[x' − x0·sx].
        int denseStart = x0 * sx;
        int denseEnd = (x1 - 1) * sx + 1;
        kernel.Run(rows, dense - denseStart, denseStart, denseEnd, in d);
        for (int x = x0; x < x1; x++) dst[x] = dense[(long)(x - x0) * sx];
    }
}
