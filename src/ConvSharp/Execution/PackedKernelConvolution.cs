using ConvSharp.Borders;

namespace ConvSharp.Execution;

/// <summary>
/// The preparation of the single-pass fast paths: the kernel packed row-major (flipped for convolution) once, and a body
/// that <see cref="ConvolutionRunner"/> runs over it as one stage named after the algorithm.
/// </summary>
internal sealed class PackedKernelConvolution<TBody> : PreparedConvolution, ITileExecution
    where TBody : struct, IConvolutionBody
{
    private readonly float[] _taps;
    private readonly double _sumAbsTaps;
    private readonly string _stage;
    private readonly int _bufferedRows;
    private readonly long _extraBandFloats;
    private readonly bool _singleThread;
    private readonly TBody _body;

    /// <param name="problem">The problem.</param>
    /// <param name="algorithm">The algorithm it runs for.</param>
    /// <param name="kernel">The kernel, copied and packed here.</param>
    /// <param name="bufferedRows">Source rows a band reads at once (kh, or kh + B − 1 for blocks of B rows).</param>
    /// <param name="extraBandFloats">Scratch a band needs besides the row driver's, after it in its slice.</param>
    /// <param name="singleThread">True when the body runs on the caller's thread only, so one band's scratch is enough.</param>
    /// <param name="body">What runs.</param>
    public PackedKernelConvolution(Conv2DProblem problem, Conv2DAlgorithm algorithm, ReadOnlyPlane2D kernel, int bufferedRows, long extraBandFloats, bool singleThread, TBody body)
        : base(problem, algorithm)
    {
        _taps = ConvolutionRunner.PackKernel(kernel, problem.Kind);
        foreach (float t in _taps) _sumAbsTaps += System.Math.Abs(t);
        _stage = algorithm.Stages[0];
        _bufferedRows = bufferedRows;
        _extraBandFloats = extraBandFloats;
        _singleThread = singleThread;
        _body = body;
    }

    public override double ErrorBound(double maxAbsInput) => Problem.ErrorBound(maxAbsInput, _sumAbsTaps);

    protected override void ExecuteCore(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context)
    {
        using var stage = context.Stage(_stage);
        ConvolutionRunner.Run(input, _taps, output, Problem, _singleThread ? 1 : context.Threads, context, _bufferedRows, _extraBandFloats, _body);
    }

    /// <summary>
    /// Computes the region <paramref name="outputRegion"/> of the whole output into <paramref name="output"/>, reading a
    /// tile buffer <paramref name="input"/> whose element (0, 0) is image row <paramref name="inputRow"/>, column
    /// <paramref name="inputColumn"/>. Borders apply where the whole image ends; the buffer must hold
    /// <see cref="TileRegion.Required"/>. Each sample equals the whole-image result's, bit for bit.
    /// </summary>
    /// <exception cref="System.ArgumentException">A region lies outside the output, or the buffer misses part of what the region reads.</exception>
    public void ExecuteTile(ReadOnlyPlane2D input, int inputRow, int inputColumn, Plane2D output, TileRegion outputRegion, ExecutionContext context)
    {
        var p = Problem;
        TileWindow.Validate(p, input, inputRow, inputColumn, output, outputRegion);
        using var stage = context.Stage(_stage);
        ConvolutionRunner.Run(input, _taps, output, p, _singleThread ? 1 : context.Threads, context, _bufferedRows, _extraBandFloats, _body, new TileWindow(inputRow, inputColumn, outputRegion));
    }
}
