using ConvSharp.Algorithms.Direct;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Parallel;

/// <summary>Direct's scalar row kernel over bands of output rows on all cores, through the struct-based <see cref="ParallelRowIterator"/>.</summary>
internal sealed class ParallelConvolution : Conv2DAlgorithm
{
    public override string Name => "Parallel";

    public override string Description => "Direct's scalar kernel over row bands on all cores.";

    public override bool Supports(Conv2DProblem problem, out string reason) =>
        Always("native, as Direct, split into row bands", out reason);

    protected internal override void Execute(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DProblem problem, int maxDegreeOfParallelism) =>
        ConvolutionRunner.Run(input, kernel, output, problem, maxDegreeOfParallelism, default(Body));

    private readonly struct Body : IConvolutionBody
    {
        public void Run(in ConvolutionData data, int maxDegreeOfParallelism) =>
            RowKernelBands<ScalarRowKernel>.RunAll(in data, maxDegreeOfParallelism);
    }
}
