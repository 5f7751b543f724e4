using System;

namespace ConvSharp;

/// <summary>
/// One way of computing a <see cref="Conv2DProblem"/>. Every algorithm computes the same function (see
/// <see cref="Conv2DProblem"/>); they differ in speed, in the problems they accept and in rounding.
/// Instances are stateless and thread-safe; the registry in <see cref="Conv2D.Algorithms"/> lists them.
/// </summary>
public abstract class Conv2DAlgorithm
{
    /// <summary>The registered name, used by <see cref="Conv2DOptions.Algorithm"/>, the CLI and benchmark rows.</summary>
    public abstract string Name { get; }

    /// <summary>One line on how it works.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// True when the algorithm adds products in float32 in a fixed order, so that on small-integer data (every partial
    /// sum exactly representable) it matches <see cref="Conv2D.Reference"/> bit for bit. Transform-based algorithms
    /// (FFT, Winograd) are not exact and carry their own tolerance.
    /// </summary>
    public virtual bool IsExactOnSmallIntegers => true;

    /// <summary>
    /// Whether this algorithm computes <paramref name="problem"/>. When it does, <paramref name="reason"/> says how
    /// (natively, or through which shared pre-pass); when it does not, it says why not.
    /// </summary>
    public abstract bool Supports(Conv2DProblem problem, out string reason);

    /// <summary>
    /// Computes <paramref name="problem"/>. The caller (<see cref="Conv2D.Apply(ReadOnlyPlane2D, ReadOnlyPlane2D, Plane2D, Conv2DOptions?)"/>)
    /// has validated every shape, checked that <paramref name="output"/> overlaps neither operand, and that
    /// <see cref="Supports"/> returned true.
    /// </summary>
    protected internal abstract void Execute(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DProblem problem, int maxDegreeOfParallelism);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Shorthand for a <see cref="Supports"/> that accepts every problem.</summary>
    protected static bool Always(string how, out string reason)
    {
        ArgumentNullException.ThrowIfNull(how);
        reason = how;
        return true;
    }
}
