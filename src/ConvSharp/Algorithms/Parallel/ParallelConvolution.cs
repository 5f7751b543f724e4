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

    public override WorkspaceRequirement Workspace(Conv2DProblem problem, Conv2DOptions options) =>
        ConvolutionRunner.Requirement(problem, options.Threads, problem.KernelHeight);

    protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason) =>
        Prepared.Packed(problem, this, kernel, problem.KernelHeight, default(Body), out reason);

    private readonly struct Body : IConvolutionBody
    {
        public void Run(in ConvolutionData data, ExecutionContext context) =>
            RowKernelBands<ScalarRowKernel>.RunAll(in data, default, context);
    }
}
