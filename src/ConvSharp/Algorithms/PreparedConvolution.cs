using System;

namespace ConvSharp;

/// <summary>
/// A problem, an algorithm and whatever the algorithm derived from one kernel's values (packed taps, separable factors,
/// later FFT spectra or GPU uploads), ready to run on any number of inputs. Create it with
/// <see cref="Conv2DPlan.Prepare"/>; run it with <see cref="Execute"/>, from several threads at once if you like.
/// </summary>
/// <remarks>The kernel's values are copied when it is prepared: changing the caller's kernel afterwards changes nothing.</remarks>
public abstract class PreparedConvolution : IDisposable
{
    /// <summary>For derived classes: the problem and algorithm it runs.</summary>
    protected PreparedConvolution(Conv2DProblem problem, Conv2DAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(algorithm);
        Problem = problem;
        Algorithm = algorithm;
    }

    /// <summary>The problem.</summary>
    public Conv2DProblem Problem { get; }

    /// <summary>The algorithm that runs.</summary>
    public Conv2DAlgorithm Algorithm { get; }

    /// <summary>
    /// True when this preparation adds float32 products of the kernel's own values (or of integer factors that reproduce
    /// them exactly) in a fixed order, so that on small-integer data it equals Reference bit for bit. By default, whether
    /// the algorithm is <see cref="Conv2DAccuracy.Exact"/>.
    /// </summary>
    public virtual bool IsExact => Algorithm.Accuracy == Conv2DAccuracy.Exact;

    /// <summary>
    /// The largest |result − Reference| this preparation may show on an input whose samples (and fill value) are at most
    /// <paramref name="maxAbsInput"/> in magnitude. Exact algorithms give <see cref="Conv2DProblem.ErrorBound"/>; Bounded ones
    /// add what their transformed weights round.
    /// </summary>
    public abstract double ErrorBound(double maxAbsInput);

    /// <summary>
    /// Computes the problem on <paramref name="input"/> into <paramref name="output"/>, whose shapes must be the problem's.
    /// Nothing is written when a shape is wrong or the output overlaps the input.
    /// </summary>
    /// <param name="input">H × W.</param>
    /// <param name="output">The problem's output shape; not overlapping <paramref name="input"/>.</param>
    /// <param name="context">Threads, workspace, profiler and cancellation; null for <see cref="ExecutionContext.Default"/>.</param>
    /// <exception cref="ArgumentException">A shape does not match, or the output overlaps the input.</exception>
    public void Execute(ReadOnlyPlane2D input, Plane2D output, ExecutionContext? context = null)
    {
        context ??= ExecutionContext.Default;
        context.Validate();
        Conv2D.ValidateInputOutput(input, output, Problem);
        ExecuteCore(input, output, context);
    }

    /// <summary>Computes; shapes, overlap and the context have been checked.</summary>
    protected abstract void ExecuteCore(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the preparation holds outside the managed heap (GPU buffers); nothing by default.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Algorithm.Name} on {Problem}";
}
