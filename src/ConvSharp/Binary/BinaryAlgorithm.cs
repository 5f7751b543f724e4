using System;

namespace ConvSharp.Binary;

/// <summary>
/// One way of computing a <see cref="BinaryConv2DProblem"/>: XNOR-Net's approximation of a correlation, never a Conv2D
/// algorithm. Stateless; what it derives from the kernel lives in the <see cref="PreparedBinaryConvolution"/>.
/// </summary>
public abstract class BinaryAlgorithm
{
    /// <summary>The name options and the CLI use (<c>xnor-seed</c>, <c>xnor-bitsliced</c>, <c>Reference</c>).</summary>
    public abstract string Name { get; }

    /// <summary>One line on how it works.</summary>
    public abstract string Description { get; }

    /// <summary>Whether it computes <paramref name="problem"/>; <paramref name="reason"/> says how, or why not.</summary>
    public abstract bool Supports(BinaryConv2DProblem problem, out string reason);

    /// <summary>Binarises and packs the kernel, computes α, and whatever else the algorithm keeps.</summary>
    /// <exception cref="ArgumentException">The kernel's shape is not the problem's.</exception>
    public PreparedBinaryConvolution Prepare(BinaryConv2DProblem problem, ReadOnlyPlane2D kernel)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (kernel.Height != problem.Geometry.KernelHeight || kernel.Width != problem.Geometry.KernelWidth)
            ThrowHelper.Argument(nameof(kernel), $"kernel is {kernel.Height}×{kernel.Width}; the problem's is {problem.Geometry.KernelHeight}×{problem.Geometry.KernelWidth}.");
        if (!Supports(problem, out string reason)) ThrowHelper.Argument(nameof(problem), $"{Name} does not support {problem}: {reason}");
        return PrepareCore(problem, BinaryKernel.From(kernel));
    }

    /// <summary>The algorithm's preparation of a validated problem and kernel.</summary>
    private protected abstract PreparedBinaryConvolution PrepareCore(BinaryConv2DProblem problem, BinaryKernel kernel);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
