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

    protected internal override void Execute(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DProblem problem, int maxDegreeOfParallelism) =>
        ConvolutionRunner.Run(input, kernel, output, problem, maxDegreeOfParallelism, default(Body));

    private readonly struct Body : IConvolutionBody
    {
        public void Run(in ConvolutionData data, int maxDegreeOfParallelism)
        {
            if (Vector512.IsHardwareAccelerated)
                RowKernelBands<SimdRowKernel<Vector512Ops, Vector512<float>>>.RunAll(in data, maxDegreeOfParallelism);
            else if (Vector256.IsHardwareAccelerated)
                RowKernelBands<SimdRowKernel<Vector256Ops, Vector256<float>>>.RunAll(in data, maxDegreeOfParallelism);
            else if (Vector128.IsHardwareAccelerated)
                RowKernelBands<SimdRowKernel<Vector128Ops, Vector128<float>>>.RunAll(in data, maxDegreeOfParallelism);
            else
                RowKernelBands<FusedScalarRowKernel>.RunAll(in data, maxDegreeOfParallelism);
        }
    }
}
