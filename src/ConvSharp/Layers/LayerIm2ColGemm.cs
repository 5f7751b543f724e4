using System;
using ConvSharp.Algorithms.Im2ColGemm;
using ConvSharp.Execution;
using ConvSharp.GemmKernels;

namespace ConvSharp.Layers;

/// <summary>
/// Any layer as im2col + our SGEMM: per image and group, a panel of output rows' columns (C/g·kh·kw × rows·W', filled
/// through the core's row sources, so every padding mode, stride and dilation is the 2-D algorithms'), then the group's
/// weights (O/g × C/g·kh·kw) times the panel straight into the output planes. Panels are at most
/// <see cref="PanelBytes"/>, so the column matrix never materialises whole.
/// </summary>
internal sealed class LayerIm2ColGemm : LayerAlgorithm
{
    /// <summary>
    /// A panel's most bytes: 8 MiB, in L3 while the product reads it, so most layers take one GEMM per image and group
    /// (vgg64's 576 × 3136 column matrix is 7 MiB). Each GEMM call forks and joins twice per depth block, so many small
    /// panels cost more than the L2 they would stay in: 1 MiB panels ran vgg64 at 47 GFLOP/s.
    /// </summary>
    public const long PanelBytes = 8 << 20;

    public override string Name => "Im2ColGemm";

    public override string Description => "im2col in panels of output rows per image and group, then the group's weights times the panel with our SGEMM.";

    public override bool Supports(Conv2DLayerProblem problem, out string reason)
    {
        reason = "native: every stride, dilation, group count and padding mode";
        return true;
    }

    internal override PreparedLayer Prepare(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        // Where the SGEMM packs B itself, each group's weights are packed once here; the direct-packing path packs A per call.
        GemmPackedA[]? packed = null;
        if (!PacksDirectly(problem))
        {
            int depth = problem.GroupInputChannels * problem.KernelHeight * problem.KernelWidth, og = problem.GroupOutputChannels;
            packed = new GemmPackedA[problem.Groups];
            for (int g = 0; g < packed.Length; g++) packed[g] = GemmPackedA.Pack(weights.Slice(g * og * depth, og * depth), og, depth);
        }

        return new Prepared(problem, this, weights.ToArray(), packed, bias.ToArray());
    }

    /// <summary>Output rows per panel: as many as fit <see cref="PanelBytes"/>, at least one.</summary>
    public static int PanelRows(Conv2DLayerProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        long depth = (long)problem.GroupInputChannels * problem.KernelHeight * problem.KernelWidth;
        long rows = PanelBytes / sizeof(float) / (depth * problem.OutputWidth);

        // A panel packed for the SGEMM directly must fit one of its B panels (4096 columns).
        if (PacksDirectly(problem)) rows = Math.Min(rows, GemmDriver.ActivePanelColumns / problem.OutputWidth);
        return (int)Math.Clamp(rows, 1, problem.OutputHeight);
    }

    /// <summary>
    /// Whether im2col writes the SGEMM's packed layout itself: with more than one output channel per group (one channel
    /// takes the SGEMM's unpacked one-row path), output rows no wider than one B panel, and at least
    /// <see cref="DirectPackingMinimumOutputs"/> outputs per plane.
    /// </summary>
    public static bool PacksDirectly(Conv2DLayerProblem problem) =>
        problem.GroupOutputChannels > 1 && problem.OutputWidth <= GemmDriver.ActivePanelColumns
        && (long)problem.OutputHeight * problem.OutputWidth >= DirectPackingMinimumOutputs;

    /// <summary>
    /// Direct packing saves the SGEMM a copy of the whole column matrix, and costs a scatter of every tap row into strips.
    /// Measured (three alternating rounds, medians, two threads): vgg64 (56² outputs) 4.17 against 5.09 ms and batch8
    /// 32.0 against 39.9 ms, faster; resnet256 (14² = 196 outputs) 4.53 against 3.37 ms, slower, its small B panels being
    /// packed hot into L2 by the SGEMM itself. The line sits between the two.
    /// </summary>
    public const int DirectPackingMinimumOutputs = 1024;

    private sealed unsafe class Prepared(Conv2DLayerProblem problem, LayerAlgorithm algorithm, float[] weights, GemmPackedA[]? packed, float[] bias) : PreparedLayer(problem, algorithm)
    {
        public override void Execute(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context)
        {
            var p = Problem;
            int cg = p.GroupInputChannels, og = p.GroupOutputChannels, taps = p.KernelHeight * p.KernelWidth, depth = cg * taps;
            int panelRows = PanelRows(p);
            long outPlane = (long)p.OutputHeight * p.OutputWidth, inPlane = (long)p.InputHeight * p.InputWidth;
            bool direct = PacksDirectly(p);
            long panelFloats = direct ? GemmDriver.PackedBFloats(depth, panelRows * p.OutputWidth) : (long)depth * panelRows * p.OutputWidth;
            long rowTapFloats = (long)taps * panelRows * p.OutputWidth;
            int bands = ParallelRowIterator.MaxBands(context.Threads);
            float[] workspace = context.Workspace.Rent(p.InputWidth + panelFloats + (direct ? rowTapFloats * bands : 0));
            try
            {
                fixed (float* x = input)
                fixed (float* y = output)
                fixed (float* w = weights)
                fixed (float* b = bias)
                fixed (float* scratch = workspace)
                {
                    float* fill = scratch, panel = scratch + p.InputWidth, rowTaps = panel + panelFloats;
                    new Span<float>(fill, p.InputWidth).Clear();
                    var plane = LayerRowSource.PlaneData(p, fill);
                    for (int n = 0; n < p.Batch; n++)
                    {
                        for (int g = 0; g < p.Groups; g++)
                        {
                            for (int y0 = 0; y0 < p.OutputHeight; y0 += panelRows)
                            {
                                int rows = Math.Min(panelRows, p.OutputHeight - y0);
                                long ld = (long)rows * p.OutputWidth;
                                using (context.Stage("im2col"))
                                {
                                    plane.Input = x + ((((long)n * p.InputChannels) + (g * cg)) * inPlane);
                                    if (direct) ParallelRowIterator.For(cg, (long)taps * ld, context, 1, new LayerIm2ColPackedBands(plane, inPlane, taps, depth, y0, rows, panel, rowTaps, rowTapFloats));
                                    else ParallelRowIterator.For(cg, (long)taps * ld, context, 1, new LayerIm2ColBands(plane, inPlane, taps, y0, rows, panel, ld));
                                }

                                using (context.Stage("gemm"))
                                {
                                    float* target = y + ((((long)n * p.OutputChannels) + (g * og)) * outPlane) + ((long)y0 * p.OutputWidth);
                                    float* groupBias = bias.Length > 0 ? b + (g * og) : null;
                                    if (direct) LayerGemm.MultiplyPacked(w + ((long)g * og * depth), og, depth, panel, (int)ld, target, outPlane, groupBias, context);
                                    else LayerGemm.MultiplyPacked(packed![g], panel, ld, (int)ld, target, outPlane, groupBias, context);
                                }
                            }
                        }
                    }
                }
            }
            finally
            {
                Workspace.Return(workspace);
            }
        }
    }
}
