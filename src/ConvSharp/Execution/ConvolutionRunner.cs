using System;

namespace ConvSharp.Execution;

/// <summary>
/// Runs a single-pass fast path: makes the Constant fill row, works out which output columns are interior, rents the
/// declared workspace once, pins every buffer and hands a <see cref="ConvolutionData"/> to the algorithm's body.
/// </summary>
/// <remarks>
/// Allocation: none proportional to the image. The workspace holds the fill row (one input row, only for Constant
/// borders) and one slice per parallel band (<see cref="RowDriver.BandScratchFloats"/>); it is rented from the context's
/// <see cref="Workspace"/> once per call and returned before the call ends.
/// </remarks>
internal static unsafe class ConvolutionRunner
{
    /// <summary>
    /// What <see cref="Run{TBody}"/> rents for <paramref name="problem"/> when bands buffer <paramref name="bufferedRows"/>
    /// source rows and need <paramref name="extraBandFloats"/> floats of their own besides.
    /// </summary>
    public static WorkspaceRequirement Requirement(Conv2DProblem problem, int threads, int bufferedRows, long extraBandFloats = 0)
    {
        var d = ConvolutionData.Describe(problem);
        long perCall = problem.Border.Mode == BorderMode.Constant ? problem.InputWidth : 0;
        long perBand = RowDriver.BandScratchFloats(in d, bufferedRows) + extraBandFloats;
        return new WorkspaceRequirement(perCall * sizeof(float), perBand * sizeof(float), ParallelRowIterator.MaxBands(threads));
    }

    /// <param name="input">The whole input plane, or for a tile the buffer holding its region of the image (with halo).</param>
    /// <param name="packedKernel">The taps, packed.</param>
    /// <param name="output">The whole output, or the tile's output.</param>
    /// <param name="problem">The whole image's problem.</param>
    /// <param name="threads">Threads the body may use.</param>
    /// <param name="context">Workspace, cancellation, test hooks.</param>
    /// <param name="bufferedRows">Source rows a band reads at once.</param>
    /// <param name="extraBandFloats">Extra scratch per band.</param>
    /// <param name="body">What runs.</param>
    /// <param name="tile">For a tile: where <paramref name="input"/> sits in the image and which region of the output <paramref name="output"/> is; null for the whole plane.</param>
    public static void Run<TBody>(ReadOnlyPlane2D input, float[] packedKernel, Plane2D output, Conv2DProblem problem, int threads, ExecutionContext context, int bufferedRows, long extraBandFloats, TBody body, TileWindow? tile = null)
        where TBody : struct, IConvolutionBody
    {
        var data = ConvolutionData.Describe(problem);
        if (tile is { } window)
        {
            data = data.ForTile(window.Output);
            data.InputRowOrigin = window.InputRow;
            data.InputColumnOrigin = window.InputColumn;
        }

        var requirement = Requirement(problem, threads, bufferedRows, extraBandFloats);
        long fillFloats = requirement.PerCallBytes / sizeof(float), bandFloats = requirement.PerBandBytes / sizeof(float);
        float[] workspace = context.Workspace.Rent(fillFloats + (bandFloats * requirement.Bands));
        try
        {
            fixed (float* inputPtr = input.Data)
            fixed (float* kernelPtr = packedKernel)
            fixed (float* outputPtr = output.Data)
            fixed (float* workspacePtr = workspace)
            {
                if (fillFloats > 0) new Span<float>(workspacePtr, (int)fillFloats).Fill(problem.Border.Value);
                data.Input = inputPtr;
                data.InputPitch = input.Pitch;
                data.Kernel = kernelPtr;
                data.Output = outputPtr;
                data.OutputPitch = output.Pitch;
                data.FillRow = fillFloats > 0 ? workspacePtr : null;
                data.Scratch = workspacePtr + fillFloats;
                data.ScratchPerBand = bandFloats;
                data.ForcedSweep = context.ForcedSweep;
                data.ForcedStaging = context.ForceStaging is { } staging ? (staging ? 1 : -1) : 0;
                body.Run(in data, context);
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    /// <summary>Copies the kernel row-major into a new array, flipped on both axes for convolution: the taps every fast path correlates with.</summary>
    internal static float[] PackKernel(ReadOnlyPlane2D kernel, ConvolutionKind kind)
    {
        int kh = kernel.Height, kw = kernel.Width;
        var packed = new float[kh * kw];
        bool flip = kind == ConvolutionKind.Convolution;
        for (int i = 0; i < kh; i++)
        {
            var target = packed.AsSpan(i * kw, kw);
            kernel.Row(flip ? kh - 1 - i : i).CopyTo(target);
            if (flip) target.Reverse();
        }

        return packed;
    }

    /// <summary>
    /// The output columns x whose taps x·sx + j·dx − ax all fall inside [0, W): the first is ⌈ax / sx⌉, the last satisfies
    /// x·sx + (kw−1)·dx − ax ≤ W − 1. Empty (start = end) when no column is interior.
    /// </summary>
    internal static (int Start, int End) InteriorColumns(Conv2DProblem problem)
    {
        long sx = problem.Stride.X;
        long ax = problem.Anchor.X;
        long start = (ax + sx - 1) / sx;
        long lastNumerator = problem.InputWidth - 1L - (problem.DilatedKernelWidth - 1L) + ax;
        long end = lastNumerator < 0 ? 0 : lastNumerator / sx + 1;
        start = Math.Min(start, problem.OutputWidth);
        end = Math.Clamp(end, start, problem.OutputWidth);
        return ((int)start, (int)end);
    }
}
