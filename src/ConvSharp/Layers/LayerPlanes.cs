using System;
using ConvSharp.Execution;

namespace ConvSharp.Layers;

/// <summary>
/// Layers where every output channel reads exactly one input channel (a single channel, or depthwise with one filter
/// per channel) as one 2-D convolution per plane, through the core's planner (Stencil, Simd, Separable, Winograd: whatever Auto
/// picks for the plane), prepared once per channel. The layer's padding must be expressible as the core's: none
/// (Valid), or kh·dy − 1 rows and kw·dx − 1 columns in total (Same, with the top and left padding as the anchor).
/// </summary>
internal sealed class LayerPlanes : LayerAlgorithm
{
    public override string Name => "Planes";

    public override string Description => "One input channel per output channel (single-channel or depthwise): a prepared 2-D convolution per plane, parallel over planes.";

    public override bool Supports(Conv2DLayerProblem problem, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.GroupInputChannels != 1 || problem.GroupOutputChannels != 1)
        {
            reason = "only layers whose every output channel reads one input channel (single-channel, or depthwise with one filter per channel)";
            return false;
        }

        if (PlaneProblem(problem) is null)
        {
            reason = "the padding is neither none nor (kh − 1)·dy + 1 − 1 rows and (kw − 1)·dx + 1 − 1 columns in total, so no 2-D output size matches it";
            return false;
        }

        reason = "native: a 2-D convolution per plane";
        return true;
    }

    internal override PreparedLayer Prepare(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        var plane = PlaneProblem(problem)!;
        var plan = Conv2DPlanner.Default.Plan(plane, plane.ToOptions());
        Conv2DPlan? simd = null;
        int taps = problem.KernelHeight * problem.KernelWidth;
        var prepared = new PreparedConvolution[problem.OutputChannels];
        for (int o = 0; o < prepared.Length; o++)
        {
            var kernel = new ReadOnlyPlane2D(weights.Slice(o * taps, taps), problem.KernelHeight, problem.KernelWidth);
            prepared[o] = plan.Prepare(kernel);

            // The layer's algorithms are Exact: a filter Auto would run inexactly (Separable's float factors, Winograd) runs through Simd instead.
            if (!prepared[o].IsExact)
            {
                prepared[o].Dispose();
                simd ??= Conv2DPlanner.Default.Plan(plane, plane.ToOptions() with { Algorithm = "Simd" });
                prepared[o] = simd.Prepare(kernel);
            }
        }
        return new PreparedLayerPlanes(problem, this, prepared, weights[..(prepared.Length * taps)].ToArray(), bias.ToArray());
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Channels-last natively: a single channel's NHWC tensors are its NCHW ones, so that preparation runs as it is; a
    /// depthwise layer's pixels hold their channels contiguous, so vectors of channels are filtered together
    /// (<see cref="PreparedDepthwiseChannelsLast"/>) instead of the planes being reordered out and back.
    /// </remarks>
    public override bool RunsChannelsLast => true;

    /// <inheritdoc/>
    internal override PreparedLayer PrepareChannelsLast(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.InputChannels == 1 && problem.OutputChannels == 1
            ? new ChannelsLastAlias(Prepare(problem, weights, bias))
            : new PreparedDepthwiseChannelsLast(problem, this, weights, bias);
    }

    /// <summary>The core problem one plane is, or null when the layer's padding has no 2-D equivalent.</summary>
    internal static Conv2DProblem? PlaneProblem(Conv2DLayerProblem p)
    {
        var (top, bottom, left, right) = p.Padding;
        long spanY = ((long)(p.KernelHeight - 1) * p.Dilation.Y) + 1, spanX = ((long)(p.KernelWidth - 1) * p.Dilation.X) + 1;
        var options = new Conv2DOptions { Border = p.Border, Stride = p.Stride, Dilation = p.Dilation };
        if (top == 0 && bottom == 0 && left == 0 && right == 0) options = options with { Size = OutputSize.Valid };
        else if (top + (long)bottom == spanY - 1 && left + (long)right == spanX - 1) options = options with { Size = OutputSize.Same, Anchor = (top, left) };
        else return null;
        try
        {
            var plane = Conv2DProblem.Create(p.InputHeight, p.InputWidth, p.KernelHeight, p.KernelWidth, options);
            return plane.OutputHeight == p.OutputHeight && plane.OutputWidth == p.OutputWidth ? plane : null;
        }
        catch (ArgumentException)
        {
            return null;   // an anchor the core does not take (past the kernel's taps under dilation)
        }
    }
}
