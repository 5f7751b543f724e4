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
    public override bool Supports(Conv2DProblem problem, out string reason) => OpenCvMapping.Supports(problem, "filter2D", out reason);

    /// <inheritdoc/>
    public override PreparedPeer Prepare(Conv2DProblem problem, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, int threads)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!Supports(problem, out string why)) throw new ArgumentException($"{Name} does not support {problem}: {why}", nameof(problem));
        OpenCvThreads.Set(threads);
        return new Prepared(problem, input, kernel);
    }

    /// <summary>Null when OpenCV's native library loads; else one line that says how to get it.</summary>
    internal static string? ProbeNativeLibrary()
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

    private sealed class Prepared : OpenCvPreparedPeer
    {
        private readonly Mat _kernel;

        public Prepared(Conv2DProblem problem, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel)
            : base(problem, input)
        {
            var weights = kernel.ToArray();
            if (problem.Kind == ConvolutionKind.Convolution) Array.Reverse(weights); // row-major reversal flips both axes
            _kernel = Own(Mat.FromPixelData(problem.KernelHeight, problem.KernelWidth, MatType.CV_32FC1, weights));
        }

        public override void Run() => Cv2.Filter2D(Input, Output, MatType.CV_32F, _kernel, Anchor, 0, Border);
    }
}
