using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Direct;

/// <summary>
/// Tight scalar loops on one thread. Borders never reach the inner loop: the <see cref="RowDriver"/> points interior
/// columns straight at the input and feeds edge columns from small border-mapped buffers.
/// </summary>
internal sealed class DirectConvolution : Conv2DAlgorithm
{
    public override string Name => "Direct";

    public override string Description => "Scalar loops on one thread; borders handled by row pointers and edge buffers outside the inner loop.";

    public override bool Supports(Conv2DProblem problem, out string reason) =>
        Always("native: row pointers for borders, vertical stride and dilation; the kernel steps sx and dx itself", out reason);

    public override WorkspaceRequirement Workspace(Conv2DProblem problem, Conv2DOptions options) =>
        ConvolutionRunner.Requirement(problem, 1, problem.KernelHeight);

    protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason) =>
        Prepared.Packed(problem, this, kernel, problem.KernelHeight, default(Body), out reason, singleThread: true);

    private readonly unsafe struct Body : IConvolutionBody
    {
        public void Run(in ConvolutionData data, ExecutionContext context) =>
            RowDriver.RunRows(in data, default(ScalarRowKernel), 0, data.OutputHeight, data.BandScratch(0));
    }
}
