using System;

namespace ConvSharp.Peers;

/// <summary>
/// Another library's 2D filter, run on a ConvSharp problem so benchmarks can time it beside ConvSharp's algorithms on the
/// same data and verify its output against the same Reference.
/// </summary>
public abstract class ConvolutionPeer
{
    /// <summary>The row name, e.g. "OpenCV filter2D".</summary>
    public abstract string Name { get; }

    /// <summary>Whether the library loads on this machine; when not, <paramref name="reason"/> is one line that says how to get it.</summary>
    public abstract bool IsAvailable(out string reason);

    /// <summary>Whether the library computes exactly this problem (its border, kind, anchor, stride…); when not, why.</summary>
    public abstract bool Supports(Conv2DProblem problem, out string reason);

    /// <summary>Whether the library takes this kernel's values (sepFilter2D: only rank-1 kernels); when not, why. True by default.</summary>
    public virtual bool AcceptsKernel(Conv2DProblem problem, ReadOnlySpan<float> kernel, out string reason)
    {
        reason = "";
        return true;
    }

    /// <summary>
    /// Copies the operands into the library's own types, so that <see cref="PreparedPeer.Run"/> times only the filter, and
    /// sets the library's thread count: <paramref name="threads"/> threads, or its default for −1.
    /// </summary>
    public abstract PreparedPeer Prepare(Conv2DProblem problem, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, int threads);
}
