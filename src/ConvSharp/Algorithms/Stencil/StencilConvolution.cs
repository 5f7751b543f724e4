using System.Runtime.Intrinsics;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>
/// Register-blocked specialisations for square 3×3, 5×5 and 7×7 kernels: four output rows per pass share every input
/// vector load (<see cref="StencilBlockKernel{TSize, TOps, TVector}"/>), in parallel row bands.
/// </summary>
internal sealed class StencilConvolution : Conv2DAlgorithm
{
    public override string Name => "Stencil";

    public override string Description => "Register-blocked 3×3/5×5/7×7: four output rows share each input vector load; parallel.";

    public override bool Supports(Conv2DProblem problem, out string reason)
    {
        int k = problem.KernelHeight;
        if (k != problem.KernelWidth || (k != 3 && k != 5 && k != 7))
        {
            reason = "specialises square 3×3, 5×5 and 7×7 kernels only";
            return false;
        }

        // Constant strings: Auto calls this on every Apply and must not allocate.
        reason = IsBlockable(problem)
            ? "native: 4-row register blocks at the widest accelerated tier; borders through row pointers and edge buffers"
            : "stride or vertical dilation breaks row sharing, so rows run one at a time through the Simd row kernel (dense-row pre-pass for sx > 1)";
        return true;
    }

    protected internal override void Execute(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DProblem problem, int maxDegreeOfParallelism) =>
        ConvolutionRunner.Run(input, kernel, output, problem, maxDegreeOfParallelism, default(Body));

    private static bool IsBlockable(Conv2DProblem p) => p.Stride == (1, 1) && p.Dilation.Y == 1;

    private readonly struct Body : IConvolutionBody
    {
        public void Run(in ConvolutionData data, int maxDegreeOfParallelism)
        {
            if (Vector512.IsHardwareAccelerated) RunTier<Vector512Ops, Vector512<float>>(in data, maxDegreeOfParallelism);
            else if (Vector256.IsHardwareAccelerated) RunTier<Vector256Ops, Vector256<float>>(in data, maxDegreeOfParallelism);
            else if (Vector128.IsHardwareAccelerated) RunTier<Vector128Ops, Vector128<float>>(in data, maxDegreeOfParallelism);
            else RowKernelBands<FusedScalarRowKernel>.RunAll(in data, maxDegreeOfParallelism);
        }

        private static void RunTier<TOps, TVector>(in ConvolutionData data, int maxDegreeOfParallelism)
            where TOps : IVectorOps<TVector>
            where TVector : struct
        {
            if (data.StrideY != 1 || data.StrideX != 1 || data.DilationY != 1)
            {
                RowKernelBands<SimdRowKernel<TOps, TVector>>.RunAll(in data, maxDegreeOfParallelism);
                return;
            }

            switch (data.KernelHeight)
            {
                case 3: RunSize<Stencil3x3, TOps, TVector>(in data, maxDegreeOfParallelism); break;
                case 5: RunSize<Stencil5x5, TOps, TVector>(in data, maxDegreeOfParallelism); break;
                default: RunSize<Stencil7x7, TOps, TVector>(in data, maxDegreeOfParallelism); break;
            }
        }

        private static void RunSize<TSize, TOps, TVector>(in ConvolutionData data, int maxDegreeOfParallelism)
            where TSize : IStencilSize
            where TOps : IVectorOps<TVector>
            where TVector : struct
        {
            ParallelRowIterator.For(
                data.OutputHeight, data.MultiplyAddsPerRow, maxDegreeOfParallelism, StencilBlockKernel<TSize, TOps, TVector>.Rows,
                new StencilBands<TSize, TOps, TVector>(data));
        }
    }
}
