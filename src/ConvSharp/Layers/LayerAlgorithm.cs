using System;

namespace ConvSharp.Layers;

/// <summary>
/// One way of computing a <see cref="Conv2DLayerProblem"/>; every one computes PyTorch's <c>conv2d</c> (see
/// docs/semantics.md). Stateless; what it derives from the weights lives in the <see cref="PreparedLayer"/>.
/// </summary>
public abstract class LayerAlgorithm
{
    /// <summary>The name <see cref="Conv2DLayerOptions.Algorithm"/> and the CLI use.</summary>
    public abstract string Name { get; }

    /// <summary>One line on how it works.</summary>
    public abstract string Description { get; }

    /// <summary>Exact (fixed-order float32 sums: bit-exact on small integers) or Bounded.</summary>
    public virtual Conv2DAccuracy Accuracy => Conv2DAccuracy.Exact;

    /// <summary>Whether it computes <paramref name="problem"/>; <paramref name="reason"/> says how, or why not.</summary>
    public abstract bool Supports(Conv2DLayerProblem problem, out string reason);

    /// <summary>Derives what the algorithm needs from the weights (O × C/groups × kh × kw) and bias (O, or empty).</summary>
    internal abstract PreparedLayer Prepare(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
