using System;
using ConvSharp.GemmKernels;

namespace ConvSharp.Layers;

/// <summary>
/// 1×1 convolutions (stride 1, no padding) as pure GEMMs: per image and group, the weights (O/g × C/g) times the input
/// planes (C/g × H·W, read in place) into the output planes. No im2col, no copy.
/// </summary>
internal sealed class LayerPointwiseGemm : LayerAlgorithm
{
    public override string Name => "Pointwise";

    public override string Description => "1×1 kernels at stride 1 without padding: the weights times the input planes, one SGEMM per image and group.";

    public override bool Supports(Conv2DLayerProblem problem, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        bool ok = problem.KernelHeight == 1 && problem.KernelWidth == 1 && problem.Stride == (1, 1) && problem.Padding == (0, 0, 0, 0);
        reason = ok ? "native: a 1×1 kernel at stride 1 is a matrix product over the planes" : "only 1×1 kernels at stride 1 without padding";
        return ok;
    }

    internal override PreparedLayer Prepare(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        // Each group's weights packed once for the SGEMM's micro-kernel, so a call packs only the input.
        int cg = problem.GroupInputChannels, og = problem.GroupOutputChannels;
        var packed = new GemmPackedA[problem.Groups];
        for (int g = 0; g < packed.Length; g++) packed[g] = GemmPackedA.Pack(weights.Slice(g * og * cg, og * cg), og, cg);
        return new Prepared(problem, this, packed, bias.ToArray());
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Channels-last natively: every image's pixels are already rows of C/g contiguous channels, so the batch's N·H·W
    /// pixels times each group's weights (packed once, as the product's B) is one SGEMM per group that packs nothing per
    /// call and reorders nothing. Measured on pw512 (1 × 512 × 28² → 128), alternating in one process with the NCHW
    /// product: 0.91× its time on two threads, 0.92× on one.
    /// </remarks>
    public override bool RunsChannelsLast => true;

    /// <inheritdoc/>
    internal override PreparedLayer PrepareChannelsLast(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        int cg = problem.GroupInputChannels, og = problem.GroupOutputChannels;
        var packed = new GemmPackedB[problem.Groups];
        for (int g = 0; g < packed.Length; g++) packed[g] = GemmPackedB.PackTransposed(weights.Slice(g * og * cg, og * cg), og, cg);
        return new PreparedChannelsLast(problem, this, packed, bias.ToArray());
    }

    private sealed unsafe class PreparedChannelsLast(Conv2DLayerProblem problem, LayerAlgorithm algorithm, GemmPackedB[] weights, float[] bias) : PreparedLayer(problem, algorithm)
    {
        public override TensorLayout Layout => TensorLayout.Nhwc;

        public override void Execute(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context)
        {
            var p = Problem;
            int pixels = checked(p.Batch * p.InputHeight * p.InputWidth), cg = p.GroupInputChannels, og = p.GroupOutputChannels;
            using var stage = context.Stage("gemm");
            fixed (float* x = input)
            fixed (float* y = output)
            fixed (float* b = bias)
            {
                for (int g = 0; g < p.Groups; g++)
                    LayerGemm.MultiplyStridedA(weights[g], x + (g * cg), p.InputChannels, pixels, y + (g * og), p.OutputChannels, bias.Length > 0 ? b + (g * og) : null, context);
            }
        }
    }

    private sealed unsafe class Prepared(Conv2DLayerProblem problem, LayerAlgorithm algorithm, GemmPackedA[] weights, float[] bias) : PreparedLayer(problem, algorithm)
    {
        public override void Execute(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context)
        {
            var p = Problem;
            long plane = (long)p.InputHeight * p.InputWidth;
            int cg = p.GroupInputChannels, og = p.GroupOutputChannels;
            using var stage = context.Stage("gemm");
            fixed (float* x = input)
            fixed (float* y = output)
            fixed (float* b = bias)
            {
                for (int n = 0; n < p.Batch; n++)
                {
                    for (int g = 0; g < p.Groups; g++)
                    {
                        float* source = x + ((((long)n * p.InputChannels) + (g * cg)) * plane);
                        float* target = y + ((((long)n * p.OutputChannels) + (g * og)) * plane);
                        LayerGemm.MultiplyPacked(weights[g], source, plane, (int)plane, target, plane, bias.Length > 0 ? b + (g * og) : null, context);
                    }
                }
            }
        }
    }
}
