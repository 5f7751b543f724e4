using System;
using System.Diagnostics;
using System.Runtime.Intrinsics;
using ConvSharp.Algorithms.Matmul;
using ConvSharp.Execution;
using ConvSharp.GemmKernels;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Im2ColGemm;

/// <summary>
/// The kernel packed once as the product's 1 × kh·kw row (flipped for convolution), and the three ways of running it:
/// segmented panels through the SGEMM, the whole column matrix through the SGEMM, or the whole matrix through the plain loop.
/// </summary>
internal sealed unsafe class PreparedIm2Col : PreparedConvolution
{
    private static readonly string[] SegmentStages = ["im2col", "gemm"];

    private readonly float[] _taps;
    private readonly double _sumAbsTaps;
    private readonly Im2ColForm _form;

    public PreparedIm2Col(Conv2DProblem problem, Conv2DAlgorithm algorithm, ReadOnlyPlane2D kernel, Im2ColForm form)
        : base(problem, algorithm)
    {
        _taps = ConvolutionRunner.PackKernel(kernel, problem.Kind);
        foreach (float t in _taps) _sumAbsTaps += Math.Abs(t);
        _form = form;
    }

    public override double ErrorBound(double maxAbsInput) => Problem.ErrorBound(maxAbsInput, _sumAbsTaps);

    protected override void ExecuteCore(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context)
    {
        var p = Problem;
        var layout = Im2ColLayout.For(p, _form, context.Threads);
        float[] workspace = context.Workspace.Rent(layout.TotalFloats);
        try
        {
            fixed (float* inputPtr = input.Data)
            fixed (float* outputPtr = output.Data)
            fixed (float* taps = _taps)
            fixed (float* scratch = workspace)
            {
                float* fill = scratch, result = fill + layout.FillFloats, panels = result + layout.ResultFloats;
                if (layout.FillFloats > 0) new Span<float>(fill, (int)layout.FillFloats).Fill(p.Border.Value);
                var d = ConvolutionData.Describe(p);
                d.Input = inputPtr;
                d.InputPitch = input.Pitch;
                d.FillRow = layout.FillFloats > 0 ? fill : null;
                d.Output = outputPtr;
                d.OutputPitch = output.Pitch;
                d.Scratch = panels;
                d.ScratchPerBand = layout.PanelFloats;
                if (_form == Im2ColForm.Segmented) Segmented(in d, layout, taps, context);
                else Materialized(in d, taps, panels, output.Pitch == p.OutputWidth ? outputPtr : result, context);
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    private static void Segmented(in ConvolutionData d, Im2ColLayout layout, float* taps, ExecutionContext context)
    {
        var times = BandStageTimes.For(context, SegmentStages.Length);
        long start = Stopwatch.GetTimestamp();
        if (Vector512.IsHardwareAccelerated) ParallelRowIterator.For(d.OutputHeight, d.MultiplyAddsPerRow, context, layout.SegmentRows, new Im2ColSegmentBands<Vector512Ops, Vector512<float>>(d, layout, taps, times));
        else if (Vector256.IsHardwareAccelerated) ParallelRowIterator.For(d.OutputHeight, d.MultiplyAddsPerRow, context, layout.SegmentRows, new Im2ColSegmentBands<Vector256Ops, Vector256<float>>(d, layout, taps, times));
        else ParallelRowIterator.For(d.OutputHeight, d.MultiplyAddsPerRow, context, layout.SegmentRows, new Im2ColSegmentBands<Vector128Ops, Vector128<float>>(d, layout, taps, times));
        times?.Report(context.Profiler!, SegmentStages, Stopwatch.GetTimestamp() - start);
    }

    /// <summary>im2col over the whole output, the product into <paramref name="result"/> (the output itself when its rows are contiguous), then col2im.</summary>
    private void Materialized(in ConvolutionData d, float* taps, float* matrix, float* result, ExecutionContext context)
    {
        long n = (long)d.OutputHeight * d.OutputWidth;
        int k = d.KernelHeight * d.KernelWidth;
        using (context.Stage("im2col"))
        {
            ParallelRowIterator.For(d.OutputHeight, (long)d.OutputWidth * k, context, 1, new Im2ColFillBands(d, matrix, n));
        }

        using (context.Stage(_form == Im2ColForm.Matmul ? "matmul" : "gemm"))
        {
            if (_form == Im2ColForm.Matmul)
            {
                int tasks = (int)((n + MatmulBands.ColumnsPerTask - 1) / MatmulBands.ColumnsPerTask);
                ParallelRowIterator.For(tasks, (long)MatmulBands.ColumnsPerTask * k, context, 1, new MatmulBands(taps, k, matrix, n, result));
            }
            else
            {
                // One row of C, n columns: the SGEMM's one-row path, parallel over column chunks.
                GemmDriver.Run(new GemmOperands(1, (int)n, k, 1f, taps, k, 1, matrix, n, 1, 0f, result, n), context);
            }
        }

        using (context.Stage("col2im"))
        {
            if (result == d.Output) return;   // the output's rows are contiguous: the product wrote it in place
            for (int y = 0; y < d.OutputHeight; y++)
            {
                long bytes = (long)d.OutputWidth * sizeof(float);
                Buffer.MemoryCopy(result + ((long)y * d.OutputWidth), d.Output + ((long)y * d.OutputPitch), bytes, bytes);
            }
        }
    }
}
