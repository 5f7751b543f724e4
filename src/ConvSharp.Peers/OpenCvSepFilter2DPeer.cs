using System;
using OpenCvSharp;

namespace ConvSharp.Peers;

/// <summary>
/// OpenCV's <c>cv::sepFilter2D</c> with the kernel's two rank-1 factors: what an OpenCV user calls for a separable
/// kernel. It takes only kernels that are rank 1 to within 1e-6 of Σ|k| (factored here from the kernel's largest tap, its
/// row and its column), and maps problems as filter2D does.
/// </summary>
public sealed class OpenCvSepFilter2DPeer : ConvolutionPeer
{
    private const double Tolerance = 1e-6;

    /// <inheritdoc/>
    public override string Name => "OpenCV sepFilter2D";

    /// <inheritdoc/>
    public override bool IsAvailable(out string reason)
    {
        reason = OpenCvFilter2DPeer.ProbeNativeLibrary() ?? "";
        return reason.Length == 0;
    }

    /// <inheritdoc/>
    public override bool Supports(Conv2DProblem problem, out string reason) => OpenCvMapping.Supports(problem, "sepFilter2D", out reason);

    /// <inheritdoc/>
    public override bool AcceptsKernel(Conv2DProblem problem, ReadOnlySpan<float> kernel, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var (_, _, residual, sumAbs) = Factor(problem, kernel);
        reason = residual <= Tolerance * sumAbs ? "" : "sepFilter2D needs a rank-1 kernel";
        return reason.Length == 0;
    }

    /// <inheritdoc/>
    public override PreparedPeer Prepare(Conv2DProblem problem, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, int threads)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!Supports(problem, out string why) || !AcceptsKernel(problem, kernel, out why))
            throw new ArgumentException($"{Name} does not support {problem}: {why}", nameof(problem));
        OpenCvThreads.Set(threads);
        var (column, row, _, _) = Factor(problem, kernel);
        return new Prepared(problem, input, column, row);
    }

    /// <summary>K ≈ c·rᵀ with c the column through the largest tap and r its row over that tap (flipped for convolution).</summary>
    private static (float[] Column, float[] Row, double Residual, double SumAbs) Factor(Conv2DProblem problem, ReadOnlySpan<float> kernel)
    {
        int kh = problem.KernelHeight, kw = problem.KernelWidth;
        var k = kernel.ToArray();
        if (problem.Kind == ConvolutionKind.Convolution) Array.Reverse(k);
        int pivot = 0;
        for (int t = 1; t < k.Length; t++) if (Math.Abs(k[t]) > Math.Abs(k[pivot])) pivot = t;
        int pr = pivot / kw, pc = pivot % kw;
        var column = new float[kh];
        var row = new float[kw];
        for (int i = 0; i < kh; i++) column[i] = k[(i * kw) + pc];
        for (int j = 0; j < kw; j++) row[j] = k[pivot] == 0 ? 0 : k[(pr * kw) + j] / k[pivot];
        double residual = 0, sumAbs = 0;
        for (int i = 0; i < kh; i++)
        {
            for (int j = 0; j < kw; j++)
            {
                residual += Math.Abs(k[(i * kw) + j] - ((double)column[i] * row[j]));
                sumAbs += Math.Abs(k[(i * kw) + j]);
            }
        }

        return (column, row, residual, sumAbs);
    }

    private sealed class Prepared : OpenCvPreparedPeer
    {
        private readonly Mat _column;
        private readonly Mat _row;

        public Prepared(Conv2DProblem problem, ReadOnlySpan<float> input, float[] column, float[] row)
            : base(problem, input)
        {
            _column = Own(Mat.FromPixelData(column.Length, 1, MatType.CV_32FC1, column));
            _row = Own(Mat.FromPixelData(1, row.Length, MatType.CV_32FC1, row));
        }

        public override void Run() => Cv2.SepFilter2D(Input, Output, MatType.CV_32F, _row, _column, Anchor, 0, Border);
    }
}
