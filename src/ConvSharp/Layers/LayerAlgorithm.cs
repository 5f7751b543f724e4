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

    /// <summary>
    /// The documented accuracy contract, per unit of Σ|w|·max|x|: every output o differs from the exact value by at most
    /// ErrorBound·Σ|w_o|·max|x| + 2⁻²³·|bias_o|, Σ over the output channel's weights (its group's input channels and
    /// taps) and max over the input. Exact algorithms sum each output's C/g·kh·kw products in one float32 chain:
    /// (C/g·kh·kw + 1)·2⁻²³. Auto takes a Bounded algorithm only where this is within
    /// <see cref="Conv2DLayerOptions.Tolerance"/>.
    /// </summary>
    public virtual double ErrorBound(Conv2DLayerProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return (((double)problem.GroupInputChannels * problem.KernelHeight * problem.KernelWidth) + 1) * Math.Pow(2, -23);
    }

    /// <summary>Whether Auto should take it for a problem it supports (false: it would be slower than a later one); <paramref name="reason"/> says why not.</summary>
    internal virtual bool WorthwhileFor(Conv2DLayerProblem problem, out string reason)
    {
        reason = "";
        return true;
    }

    /// <summary>Derives what the algorithm needs from the weights (O × C/groups × kh × kw) and bias (O, or empty).</summary>
    internal abstract PreparedLayer Prepare(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias);

    /// <summary>
    /// Whether it runs channels-last (<see cref="TensorLayout.Nhwc"/>) tensors natively. Around the others a channels-last
    /// layer reorders its input to NCHW and the output back, and the reorders are part of the call's time.
    /// </summary>
    public virtual bool RunsChannelsLast => false;

    /// <summary>The preparation that runs channels-last natively (N × H × W × C into N × H' × W' × O), where <see cref="RunsChannelsLast"/>.</summary>
    internal virtual PreparedLayer PrepareChannelsLast(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias) =>
        throw new NotSupportedException($"{Name} runs NCHW only.");

    /// <inheritdoc/>
    public override string ToString() => Name;
}
