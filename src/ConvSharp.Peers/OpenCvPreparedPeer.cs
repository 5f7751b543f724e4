using System;
using System.Collections.Generic;
using OpenCvSharp;

namespace ConvSharp.Peers;

/// <summary>
/// What every OpenCV peer holds once prepared: the input and output as <see cref="Mat"/>s, the anchor and the border,
/// plus the kernel mats of the derived peer; it reads the result back and disposes every mat.
/// </summary>
internal abstract class OpenCvPreparedPeer : PreparedPeer
{
    private readonly List<Mat> _owned = [];

    protected OpenCvPreparedPeer(Conv2DProblem problem, ReadOnlySpan<float> input)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Input = Own(Mat.FromPixelData(problem.InputHeight, problem.InputWidth, MatType.CV_32FC1, input.ToArray()));
        Output = Own(new Mat(problem.OutputHeight, problem.OutputWidth, MatType.CV_32FC1));
        Anchor = new Point(problem.Anchor.X, problem.Anchor.Y);
        Border = OpenCvMapping.Border(problem);
    }

    protected Mat Input { get; }

    protected Mat Output { get; }

    protected Point Anchor { get; }

    protected BorderTypes Border { get; }

    /// <summary>Keeps <paramref name="mat"/> to dispose with the peer.</summary>
    protected Mat Own(Mat mat)
    {
        _owned.Add(mat);
        return mat;
    }

    public override float[] Result()
    {
        Output.GetArray(out float[] values);
        return values;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var mat in _owned) mat.Dispose();
        }

        base.Dispose(disposing);
    }
}
