using System.Runtime.Intrinsics;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Simd;

/// <summary>
/// Any kernel size with Vector512 → Vector256 → Vector128 → scalar dispatch, fused with the parallel row iterator: each
/// band runs two-row × six-vector register blocks (<see cref="Stencil.AnySizeBlockKernel{TOps, TVector}"/>) where output
/// rows share input rows, else <see cref="SimdRowKernel{TOps, TVector}"/>, at the widest accelerated width.
/// </summary>
internal sealed class SimdConvolution : Conv2DAlgorithm
{
    public override string Name => "Simd";

    public override string Description => "Any kernel size: two-row × six-vector register blocks where rows share loads, else a vectorised row kernel (Vector512/256/128, scalar fallback); parallel row bands.";

    public override bool Supports(Conv2DProblem problem, out string reason) => Always(
        problem.Stride.X == 1
            ? "native at the widest accelerated tier: row pointers for borders, vertical stride and dilation; dx in the loads"
            : "native at the widest accelerated tier; horizontal stride through the shared dense-row pre-pass (compute stride 1, keep every sx-th)",
        out reason);

    public override WorkspaceRequirement Workspace(Conv2DProblem problem, Conv2DOptions options) =>
        ConvolutionRunner.Requirement(problem, options.Threads, BufferedRows(problem));

    protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason) =>
        Prepared.Packed(problem, this, kernel, BufferedRows(problem), default(Body), out reason);

    /// <summary>Blocks of B rows read kh + B − 1 rows at once; single rows kh.</summary>
    private static int BufferedRows(Conv2DProblem problem) =>
        Blockable(problem.KernelHeight, problem.Stride.Y, problem.Dilation.Y) ? problem.KernelHeight + Stencil.StencilAnySize.BlockRows - 1 : problem.KernelHeight;

    /// <summary>Stride and dilation 1 down the columns and at least three kernel rows: output rows can share input rows in two-row blocks.</summary>
    private static bool Blockable(int kernelHeight, int strideY, int dilationY) => kernelHeight >= 3 && strideY == 1 && dilationY == 1;

    /// <summary>
    /// Runs the widest accelerated tier over all rows of <paramref name="data"/> in parallel bands: two-row × six-vector register blocks
    /// (<see cref="Stencil.AnySizeBlockKernel{TOps, TVector}"/>) where rows can share loads, else one row at a time.
    /// </summary>
    internal static void RunAll(in ConvolutionData data, ExecutionContext context)
    {
        if (Vector512.IsHardwareAccelerated) RunTier<Vector512Ops, Vector512<float>>(in data, context);
        else if (Vector256.IsHardwareAccelerated) RunTier<Vector256Ops, Vector256<float>>(in data, context);
        else if (Vector128.IsHardwareAccelerated) RunTier<Vector128Ops, Vector128<float>>(in data, context);
        else RowKernelBands<FusedScalarRowKernel>.RunAll(in data, default, context);
    }

    private static void RunTier<TOps, TVector>(in ConvolutionData data, ExecutionContext context)
        where TOps : IVectorOps<TVector>
        where TVector : struct
    {
        if (Blockable(data.KernelHeight, data.StrideY, data.DilationY) && data.StrideX == 1)
        {
            Stencil.StencilBands<Stencil.StencilAnySize, TOps, TVector>.RunAll(in data, context);
            return;
        }

        RowKernelBands<SimdRowKernel<TOps, TVector>>.RunAll(in data, default, context);
    }

    private readonly struct Body : IConvolutionBody
    {
        public void Run(in ConvolutionData data, ExecutionContext context) => RunAll(in data, context);
    }
}
