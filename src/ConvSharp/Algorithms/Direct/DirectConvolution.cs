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

    protected internal override void Execute(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DProblem problem, int maxDegreeOfParallelism) =>
        ConvolutionRunner.Run(input, kernel, output, problem, 1, default(Body));

    private readonly struct Body : IConvolutionBody
    {
        public void Run(in ConvolutionData data, int maxDegreeOfParallelism) =>
            RowDriver.RunRows(in data, default(ScalarRowKernel), 0, data.OutputHeight);
    }
}
