using System;
using System.Runtime.Intrinsics;
using ConvSharp.Borders;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Layers;

/// <summary>
/// <see cref="LayerPlanes"/>' channels-last preparation for a depthwise layer (O = C = groups): the weights re-laid
/// tap-major with the channels contiguous, and each output column's input column for every tap through the padding
/// mode, computed once; a call runs <see cref="DepthwiseChannelsLastRows{TOps, TVector}"/> over the batch's output rows.
/// </summary>
internal sealed unsafe class PreparedDepthwiseChannelsLast : PreparedLayer
{
    private readonly float[] _weights, _bias;
    private readonly int[] _columns;

    /// <summary>Output columns [start, end) whose every tap reads inside the input, straight from its column.</summary>
    private readonly int _interiorStart, _interiorEnd;

    public PreparedDepthwiseChannelsLast(Conv2DLayerProblem problem, LayerAlgorithm algorithm, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
        : base(problem, algorithm)
    {
        int c = problem.InputChannels, taps = problem.KernelHeight * problem.KernelWidth;
        _weights = new float[taps * c];
        for (int ch = 0; ch < c; ch++)
        {
            for (int t = 0; t < taps; t++) _weights[(t * c) + ch] = weights[(ch * taps) + t];
        }

        _bias = bias.ToArray();
        _columns = new int[problem.OutputWidth * problem.KernelWidth];
        _interiorStart = problem.OutputWidth;
        for (int x = 0; x < problem.OutputWidth; x++)
        {
            bool inside = true;
            for (int j = 0; j < problem.KernelWidth; j++)
            {
                long column = ((long)x * problem.Stride.X) - problem.Padding.Left + ((long)j * problem.Dilation.X);
                _columns[(x * problem.KernelWidth) + j] = BorderIndex.Map(column, problem.InputWidth, problem.Border.Mode);
                inside &= column >= 0 && column < problem.InputWidth;
            }

            // The interior is the run of output columns whose taps all lie inside the input: one run, since both ends move monotonically with x.
            if (inside) (_interiorStart, _interiorEnd) = (Math.Min(_interiorStart, x), x + 1);
        }

        _interiorEnd = Math.Max(_interiorEnd, _interiorStart);
    }

    public override TensorLayout Layout => TensorLayout.Nhwc;

    public override void Execute(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context)
    {
        // Whole vectors of channels, the widest that one pixel's channels fill (dw32's 32 are two of 16).
        if (Vector512.IsHardwareAccelerated && Problem.InputChannels >= Vector512<float>.Count) Run<Vector512Ops, Vector512<float>>(input, output, context);
        else if (Vector256.IsHardwareAccelerated) Run<Vector256Ops, Vector256<float>>(input, output, context);
        else if (Vector128.IsHardwareAccelerated) Run<Vector128Ops, Vector128<float>>(input, output, context);
        else Run<ScalarOps, float>(input, output, context);
    }

    private void Run<TOps, TVector>(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context)
        where TOps : IVectorOps<TVector>
        where TVector : struct
    {
        var p = Problem;
        using var stage = context.Stage("depthwise");
        fixed (float* x = input)
        fixed (float* y = output)
        fixed (float* w = _weights)
        fixed (float* b = _bias)
        fixed (int* columns = _columns)
        {
            var rows = new DepthwiseChannelsLastRows<TOps, TVector>(p, x, y, w, _bias.Length > 0 ? b : null, columns, _interiorStart, _interiorEnd);
            ParallelRowIterator.For(p.Batch * p.OutputHeight, (long)p.OutputWidth * p.InputChannels * p.KernelHeight * p.KernelWidth, context, 1, rows);
        }
    }
}
