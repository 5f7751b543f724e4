using System.Runtime.Intrinsics;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Simd;

/// <summary>
/// Any kernel size with Vector512 → Vector256 → Vector128 → scalar dispatch, fused with the parallel row iterator:
/// each band of rows runs <see cref="SimdRowKernel{TOps, TVector}"/> at the widest accelerated width.
/// </summary>
internal sealed class SimdConvolution : Conv2DAlgorithm
{
    public override string Name => "Simd";

    public override string Description => "Vectorised row kernel (Vector512/256/128, scalar fallback), any kernel size, parallel row bands.";

    public override bool Supports(Conv2DProblem problem, out string reason) => Always(
        problem.Stride.X == 1
            ? "native at the widest accelerated tier: row pointers for borders, vertical stride and dilation; dx in the loads"
            : "native at the widest accelerated tier; horizontal stride through the shared dense-row pre-pass (compute stride 1, keep every sx-th)",
        out reason);

    public override WorkspaceRequirement Workspace(Conv2DProblem problem, Conv2DOptions options) =>
        ConvolutionRunner.Requirement(problem, options.Threads, problem.KernelHeight);

    protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason) =>
        Prepared.Packed(problem, this, kernel, problem.KernelHeight, default(Body), out reason);

    /// <summary>Runs the widest accelerated tier's row kernel over all rows of <paramref name="data"/> in parallel bands.</summary>
    internal static void RunAll(in ConvolutionData data, ExecutionContext context)
    {
        if (Vector512.IsHardwareAccelerated)
            RowKernelBands<SimdRowKernel<Vector512Ops, Vector512<float>>>.RunAll(in data, default, context);
        else if (Vector256.IsHardwareAccelerated)
            RowKernelBands<SimdRowKernel<Vector256Ops, Vector256<float>>>.RunAll(in data, default, context);
        else if (Vector128.IsHardwareAccelerated)
            RowKernelBands<SimdRowKernel<Vector128Ops, Vector128<float>>>.RunAll(in data, default, context);
        else
            RowKernelBands<FusedScalarRowKernel>.RunAll(in data, default, context);
    }

    private readonly struct Body : IConvolutionBody
    {
        public void Run(in ConvolutionData data, ExecutionContext context) => RunAll(in data, context);
    }
}
