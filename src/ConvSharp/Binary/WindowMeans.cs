using System;
using System.Runtime.Intrinsics;
using ConvSharp.Algorithms.Im2ColGemm;
using ConvSharp.Execution;

namespace ConvSharp.Binary;

/// <summary>K = Σ|I| over each window ÷ kh·kw, in the notebook's three forms (<see cref="WindowMeanForm"/>).</summary>
internal static unsafe class WindowMeans
{
    public static void Compute(ReadOnlyPlane2D input, BinaryConv2DProblem problem, WindowMeanForm form, Span<float> k, ExecutionContext context)
    {
        var g = problem.Geometry;
        if (form == WindowMeanForm.BoxFilter)
        {
            BoxFilter(input, problem, k, context);
            return;
        }

        int width = g.OutputWidth, taps = problem.Taps;
        int segmentRows = BinaryIm2Col.SegmentRows(problem);
        long ld = (long)segmentRows * width;
        float[] workspace = context.Workspace.Rent((ld * taps) + g.InputWidth);
        try
        {
            fixed (float* scratch = workspace)
            fixed (float* source = input.Data)
            fixed (float* target = k)
            {
                var data = BinaryIm2Col.Source(problem, source, input.Pitch, scratch + (ld * taps));
                for (int y0 = 0; y0 < g.OutputHeight; y0 += segmentRows)
                {
                    int rows = Math.Min(segmentRows, g.OutputHeight - y0);
                    ParallelRowIterator.For(rows, (long)taps * width, context, 1, new Segment(data, scratch, ld, y0, taps, form, target));
                }
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    /// <summary>k[x] = Σ_t |panel[t·ld + x]| ÷ taps, tap by tap over contiguous panel rows, eight windows per instruction.</summary>
    public static void Vectorised(float* panel, long ld, int taps, int width, float* k)
    {
        new Span<float>(k, width).Clear();
        for (int t = 0; t < taps; t++)
        {
            float* tap = panel + (t * ld);
            int x = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; x + 8 <= width; x += 8) Vector256.Store(Vector256.Load(k + x) + Vector256.Abs(Vector256.Load(tap + x)), k + x);
            }

            for (; x < width; x++) k[x] += Math.Abs(tap[x]);
        }

        float inverse = 1f / taps;
        for (int x = 0; x < width; x++) k[x] *= inverse;
    }

    /// <summary>The box-filter form: |I| into the workspace, convolved with ones by the core's Auto, times 1 ÷ taps.</summary>
    private static void BoxFilter(ReadOnlyPlane2D input, BinaryConv2DProblem problem, Span<float> k, ExecutionContext context)
    {
        var g = problem.Geometry;
        var ones = new float[problem.Taps];
        ones.AsSpan().Fill(1f);
        using var box = Conv2DPlanner.Default.Plan(g, g.ToOptions()).Prepare(new ReadOnlyPlane2D(ones, g.KernelHeight, g.KernelWidth));
        float[] absolute = context.Workspace.Rent((long)g.InputHeight * g.InputWidth);
        try
        {
            for (int r = 0; r < g.InputHeight; r++)
            {
                var row = input.Row(r);
                var target = absolute.AsSpan(r * g.InputWidth, g.InputWidth);
                for (int c = 0; c < row.Length; c++) target[c] = Math.Abs(row[c]);
            }

            box.Execute(new ReadOnlyPlane2D(absolute.AsSpan(0, g.InputHeight * g.InputWidth), g.InputHeight, g.InputWidth), new Plane2D(k, g.OutputHeight, g.OutputWidth), context);
            float inverse = 1f / problem.Taps;
            for (int i = 0; i < k.Length; i++) k[i] *= inverse;
        }
        finally
        {
            Workspace.Return(absolute);
        }
    }

    /// <summary>One segment's rows: im2col, then the chosen mean.</summary>
    private readonly struct Segment(ConvolutionData data, float* panel, long ld, int y0, int taps, WindowMeanForm form, float* k) : IRowBandOperation
    {
        public void Invoke(int band, int start, int end)
        {
            int width = data.OutputWidth;
            var d = data;
            for (int r = start; r < end; r++)
            {
                float* columns = panel + ((long)r * width), target = k + ((long)(y0 + r) * width);
                Im2Col.FillPanel(in d, y0 + r, 1, 0, width, columns, ld);
                if (form == WindowMeanForm.Im2ColVectorised)
                {
                    Vectorised(columns, ld, taps, width, target);
                    continue;
                }

                // One window at a time: its taps down the panel's column.
                for (int x = 0; x < width; x++)
                {
                    float sum = 0;
                    for (int t = 0; t < taps; t++) sum += Math.Abs(columns[(t * ld) + x]);
                    target[x] = sum / taps;
                }
            }
        }
    }
}
