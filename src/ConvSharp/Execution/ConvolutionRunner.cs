using System;
using System.Buffers;

namespace ConvSharp.Execution;

/// <summary>
/// Prepares a call for the fast paths: packs (and for convolution flips) the kernel, makes the Constant fill row, works out
/// which output columns are interior, pins every buffer and hands a <see cref="ConvolutionData"/> to the algorithm's body.
/// </summary>
/// <remarks>
/// Allocation: the packed kernel lives on the stack up to 1024 taps; larger kernels and the fill row (one input row, only
/// for Constant borders) are rented from <see cref="ArrayPool{T}.Shared"/> and returned before the call ends. Nothing
/// proportional to the image is allocated.
/// </remarks>
internal static unsafe class ConvolutionRunner
{
    private const int StackKernelTaps = 1024;

    public static void Run<TBody>(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DProblem problem, int maxDegreeOfParallelism, TBody body)
        where TBody : struct, IConvolutionBody
    {
        int taps = problem.KernelHeight * problem.KernelWidth;
        float[]? rentedKernel = taps > StackKernelTaps ? ArrayPool<float>.Shared.Rent(taps) : null;
        Span<float> packed = rentedKernel is null ? stackalloc float[taps] : rentedKernel.AsSpan(0, taps);
        PackKernel(kernel, problem, packed);

        bool constant = problem.Border.Mode == BorderMode.Constant;
        float[]? fillRow = constant ? ArrayPool<float>.Shared.Rent(problem.InputWidth) : null;
        fillRow?.AsSpan(0, problem.InputWidth).Fill(problem.Border.Value);

        try
        {
            fixed (float* inputPtr = input.Data)
            fixed (float* kernelPtr = packed)
            fixed (float* outputPtr = output.Data)
            fixed (float* fillPtr = fillRow)
            {
                var (interiorStart, interiorEnd) = InteriorColumns(problem);
                var data = new ConvolutionData
                {
                    Input = inputPtr,
                    InputPitch = input.Pitch,
                    InputHeight = problem.InputHeight,
                    InputWidth = problem.InputWidth,
                    Kernel = kernelPtr,
                    KernelHeight = problem.KernelHeight,
                    KernelWidth = problem.KernelWidth,
                    Output = outputPtr,
                    OutputPitch = output.Pitch,
                    OutputHeight = problem.OutputHeight,
                    OutputWidth = problem.OutputWidth,
                    StrideY = problem.Stride.Y,
                    StrideX = problem.Stride.X,
                    DilationY = problem.Dilation.Y,
                    DilationX = problem.Dilation.X,
                    AnchorY = problem.Anchor.Y,
                    AnchorX = problem.Anchor.X,
                    BorderMode = problem.Border.Mode,
                    FillValue = problem.Border.Value,
                    FillRow = constant ? fillPtr : null,
                    InteriorStart = interiorStart,
                    InteriorEnd = interiorEnd,
                };
                body.Run(in data, maxDegreeOfParallelism);
            }
        }
        finally
        {
            if (rentedKernel is not null) ArrayPool<float>.Shared.Return(rentedKernel);
            if (fillRow is not null) ArrayPool<float>.Shared.Return(fillRow);
        }
    }

    /// <summary>Copies the kernel row-major into <paramref name="packed"/>, flipped on both axes for convolution.</summary>
    internal static void PackKernel(ReadOnlyPlane2D kernel, Conv2DProblem problem, Span<float> packed)
    {
        int kh = problem.KernelHeight, kw = problem.KernelWidth;
        bool flip = problem.Kind == ConvolutionKind.Convolution;
        for (int i = 0; i < kh; i++)
        {
            var source = kernel.Row(flip ? kh - 1 - i : i);
            var target = packed.Slice(i * kw, kw);
            source.CopyTo(target);
            if (flip) target.Reverse();
        }
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
