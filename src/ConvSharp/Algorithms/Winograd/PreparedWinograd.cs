using System;
using System.Runtime.Intrinsics;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Winograd;

/// <summary>A kernel transformed for <see cref="WinogradF3"/>: five S × kw component kernels, and the error bound they imply.</summary>
internal sealed unsafe class PreparedWinograd : PreparedConvolution
{
    private readonly float[] _transformed;
    private readonly double _errorFactor;

    public PreparedWinograd(Conv2DProblem problem, Conv2DAlgorithm algorithm, float[] taps)
        : base(problem, algorithm)
    {
        _transformed = WinogradF3.TransformKernel(taps, problem.KernelHeight, problem.KernelWidth);
        _errorFactor = WinogradF3.ErrorFactor(_transformed, problem.KernelHeight, problem.KernelWidth);
    }

    /// <summary>The transform's rounding: see <see cref="WinogradF3.ErrorFactor"/>, times max(max|x|, |fill|).</summary>
    public override double ErrorBound(double maxAbsInput) =>
        _errorFactor * Math.Max(maxAbsInput, Math.Abs((double)Problem.Border.Value));

    protected override void ExecuteCore(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context)
    {
        var p = Problem;
        var layout = WinogradLayout.For(p, context.Threads);
        float[] workspace = context.Workspace.Rent(layout.TotalFloats);
        try
        {
            using var stage = context.Stage(Algorithm.Stages[0]);
            fixed (float* inputPtr = input.Data)
            fixed (float* outputPtr = output.Data)
            fixed (float* transformed = _transformed)
            fixed (float* workspacePtr = workspace)
            {
                float* zeroRow = workspacePtr, fillRow = workspacePtr + p.InputWidth;
                new Span<float>(zeroRow, p.InputWidth).Clear();
                bool constant = p.Border.Mode == BorderMode.Constant;
                if (constant) new Span<float>(fillRow, p.InputWidth).Fill(p.Border.Value);

                var data = ConvolutionData.Describe(p);
                data.Input = inputPtr;
                data.InputPitch = input.Pitch;
                data.FillRow = constant ? fillRow : null;
                data.Output = outputPtr;
                data.OutputPitch = output.Pitch;
                data.Scratch = workspacePtr + layout.SharedFloats;
                data.ScratchPerBand = layout.BandFloats;
                data.ForcedSweep = context.ForcedSweep;
                Run(in data, layout, transformed, zeroRow, context);
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    private static void Run(in ConvolutionData data, WinogradLayout layout, float* transformed, float* zeroRow, ExecutionContext context)
    {
        if (Vector512.IsHardwareAccelerated) Run<Vector512Ops, Vector512<float>>(in data, layout, transformed, zeroRow, context);
        else if (Vector256.IsHardwareAccelerated) Run<Vector256Ops, Vector256<float>>(in data, layout, transformed, zeroRow, context);
        else Run<Vector128Ops, Vector128<float>>(in data, layout, transformed, zeroRow, context);   // without SIMD, Vector128's software fallback
    }

    private static void Run<TOps, TVector>(in ConvolutionData data, WinogradLayout layout, float* transformed, float* zeroRow, ExecutionContext context)
        where TOps : IVectorOps<TVector>
        where TVector : struct
    {
        long workPerTile = (long)WinogradF3.Components * layout.Slices * data.KernelWidth * data.OutputWidth;
        ParallelRowIterator.For(WinogradLayout.TileCount(data.OutputHeight), workPerTile, context, 2, new WinogradBands<TOps, TVector>(data, layout, transformed, zeroRow));
    }
}
