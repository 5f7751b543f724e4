using System;
using OpenCvSharp;

namespace ConvSharp.Peers;

/// <summary>
/// OpenCV's <c>cv::filter2D</c> through OpenCvSharp4: correlation, same-size output, with an anchor. It maps exactly for
/// Same, stride 1, dilation 1, and the borders Constant(0), Replicate, Reflect and Reflect101 (filter2D has no fill value
/// and rejects BORDER_WRAP). Convolution runs as correlation with the flipped kernel.
/// </summary>
public sealed class OpenCvFilter2DPeer : ConvolutionPeer
{
    private static readonly Lazy<string?> LoadFailure = new(ProbeNativeLibrary);

    /// <inheritdoc/>
    public override string Name => "OpenCV filter2D";

    /// <inheritdoc/>
    public override bool IsAvailable(out string reason)
    {
        reason = LoadFailure.Value ?? "";
        return LoadFailure.Value is null;
    }

    /// <inheritdoc/>
    public override bool Supports(Conv2DProblem problem, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        reason = problem switch
        {
            { Size: not OutputSize.Same } => "filter2D computes Same only",
            { Stride: not (1, 1) } => "filter2D has no stride",
            { Dilation: not (1, 1) } => "filter2D has no dilation",
            { Border.Mode: BorderMode.Wrap } => "filter2D rejects BORDER_WRAP",
            { Border.Mode: BorderMode.Constant, Border.Value: not 0f } => "filter2D's constant border is always 0",
            _ => "",
        };
        return reason.Length == 0;
    }

    /// <inheritdoc/>
    public override PreparedPeer Prepare(Conv2DProblem problem, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!Supports(problem, out string why)) throw new ArgumentException($"{Name} does not support {problem}: {why}", nameof(problem));
        return new Prepared(problem, input, kernel);
    }

    private static string? ProbeNativeLibrary()
    {
        try
        {
            using var probe = new Mat(1, 1, MatType.CV_32FC1);
            return null;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or BadImageFormatException)
        {
            // One short line: the loader's own message is long and names no fix.
            return $"OpenCV row skipped: its native library (OpenCvSharpExtern) did not load ({e.GetType().Name}); it needs GTK 3: apt-get install -y libgtk-3-0";
        }
    }

    private sealed class Prepared : PreparedPeer
    {
        private readonly Mat _input;
        private readonly Mat _kernel;
        private readonly Mat _output;
        private readonly Point _anchor;
        private readonly BorderTypes _border;

        public Prepared(Conv2DProblem problem, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel)
        {
            _input = Mat.FromPixelData(problem.InputHeight, problem.InputWidth, MatType.CV_32FC1, input.ToArray());
            var weights = kernel.ToArray();
            if (problem.Kind == ConvolutionKind.Convolution) Array.Reverse(weights); // row-major reversal flips both axes
            _kernel = Mat.FromPixelData(problem.KernelHeight, problem.KernelWidth, MatType.CV_32FC1, weights);
            _output = new Mat(problem.OutputHeight, problem.OutputWidth, MatType.CV_32FC1);
            _anchor = new Point(problem.Anchor.X, problem.Anchor.Y);
            _border = problem.Border.Mode switch
            {
                BorderMode.Replicate => BorderTypes.Replicate,
                BorderMode.Reflect => BorderTypes.Reflect,
                BorderMode.Reflect101 => BorderTypes.Reflect101,
                _ => BorderTypes.Constant,
            };
        }

        public override void Run() => Cv2.Filter2D(_input, _output, MatType.CV_32F, _kernel, _anchor, 0, _border);

        public override float[] Result()
        {
            _output.GetArray(out float[] values);
            return values;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
                _kernel.Dispose();
                _output.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
