using System.Runtime.Intrinsics;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>
/// Register-blocked specialisations for square 3×3, 5×5 and 7×7 kernels: several output rows per pass share every input
/// vector load (three rows × two vectors for 3×3 in <see cref="Stencil3x3BlockKernel{TOps, TVector}"/>, four rows for
/// 5×5 and 7×7 in <see cref="StencilBlockKernel{TSize, TOps, TVector}"/>), in parallel row bands.
/// </summary>
internal sealed class StencilConvolution : Conv2DAlgorithm
{
    public override string Name => "Stencil";

    public override string Description => "Register-blocked 3×3/5×5/7×7: three or four output rows share each input vector load; parallel.";

    public override bool Supports(Conv2DProblem problem, out string reason)
    {
        int k = problem.KernelHeight;
        if (k != problem.KernelWidth || (k != 3 && k != 5 && k != 7))
        {
            reason = "specialises square 3×3, 5×5 and 7×7 kernels only";
            return false;
        }

        // Constant strings: Auto calls this on every Apply and must not allocate.
        if (problem.Stride != (1, 1) || problem.Dilation.Y != 1)
        {
            reason = "stride or vertical dilation breaks the sharing of input rows between output rows; Simd computes those";
            return false;
        }

        reason = "native: 3- or 4-row register blocks at the widest accelerated tier; borders through row pointers and edge buffers";
        return true;
    }

    /// <summary>
    /// Auto takes the stencil for 3×3 only: for 5×5 and 7×7, Simd's two-row × six-vector blocks measured faster on one
    /// thread and on two (Zen 3, 1024²: 5×5 0.59 against 0.88 ms, 7×7 1.13 against 1.81 ms on two threads; docs/benchmarks.md,
    /// issue #6). The stencil stays selectable by name.
    /// </summary>
    protected internal override bool ConsideredByAuto(Conv2DProblem problem, out string reason)
    {
        if (problem.KernelHeight == 3)
        {
            reason = "";
            return true;
        }

        reason = "Simd's two-row blocks measured faster than the stencil's four-row blocks for 5×5 and 7×7";
        return false;
    }

    public override WorkspaceRequirement Workspace(Conv2DProblem problem, Conv2DOptions options) =>
        ConvolutionRunner.Requirement(problem, options.Threads, BufferedRows(problem));

    protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason) =>
        Prepared.Packed(problem, this, kernel, BufferedRows(problem), default(Body), out reason);

    /// <summary>A block of B rows reads kh + B − 1 input rows (B = 3 for 3×3, 4 for 5×5 and 7×7).</summary>
    private static int BufferedRows(Conv2DProblem problem) =>
        problem.KernelHeight + (problem.KernelHeight == 3 ? Stencil3x3.BlockRows : Stencil5x5.BlockRows) - 1;

    private readonly struct Body : IConvolutionBody
    {
        public void Run(in ConvolutionData data, ExecutionContext context)
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
            switch (data.KernelHeight)
            {
                case 3: RunSize<Stencil3x3, TOps, TVector>(in data, context); break;
                case 5: RunSize<Stencil5x5, TOps, TVector>(in data, context); break;
                case 7: RunSize<Stencil7x7, TOps, TVector>(in data, context); break;
                default: throw new System.InvalidOperationException($"Stencil has no {data.KernelHeight}x{data.KernelWidth} kernel; Supports should have declined it.");
            }
        }

        private static void RunSize<TSize, TOps, TVector>(in ConvolutionData data, ExecutionContext context)
            where TSize : IStencilSize
            where TOps : IVectorOps<TVector>
            where TVector : struct
        {
            StencilBands<TSize, TOps, TVector>.RunAll(in data, context);
        }
    }
}
