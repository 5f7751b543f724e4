using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using ConvSharp.Layers.Winograd;

namespace ConvSharp.Layers;

/// <summary>
/// A neural-network convolution layer with PyTorch's <c>torch.nn.functional.conv2d</c> semantics: weights
/// O × C/groups × kh × kw, an optional bias of O, stride, padding (explicit, TensorFlow's Same, or Valid) with PyTorch's
/// padding modes, dilation and groups (depthwise when groups = C = O), over batched NCHW (or NHWC) float32 tensors.
/// </summary>
/// <remarks>
/// <para>The weights are copied once, here. Each input shape is planned and prepared once (the algorithm chosen, the
/// weights transformed for it) and reused by every later <see cref="Forward(ReadOnlySpan{float}, int, int, int, ExecutionContext?)"/>
/// of that shape. Thread-safe.</para>
/// <para>Algorithms: <c>Planes</c> (single-channel and depthwise layers as the core's 2-D convolution per plane),
/// <c>Pointwise</c> (1×1 as a pure GEMM), <c>Winograd</c> (3×3 at stride 1: F(4×4, 3×3), Bounded), <c>Im2ColGemm</c> (any layer: im2col panels and our SGEMM),
/// <c>Reference</c> (double precision, for tests). Auto takes the first that supports the problem, is worth it there, and, if Bounded, has an
/// <see cref="LayerAlgorithm.ErrorBound"/> within <see cref="Conv2DLayerOptions.Tolerance"/>.</para>
/// </remarks>
public sealed class Conv2DLayer
{
    /// <summary>Preparations kept per layer (one per input shape).</summary>
    private const int PreparedLimit = 16;

    private static readonly LayerAlgorithm[] AlgorithmList = [new LayerPlanes(), new LayerPointwiseGemm(), new LayerWinograd(), new LayerIm2ColGemm(), new LayerReference()];

    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly ConcurrentDictionary<Conv2DLayerProblem, PreparedLayer> _prepared = new();

    /// <param name="weights">O × C/groups × kh × kw, row-major (PyTorch's <c>weight</c>).</param>
    /// <param name="outputChannels">O.</param>
    /// <param name="kernelHeight">kh.</param>
    /// <param name="kernelWidth">kw.</param>
    /// <param name="bias">O values, or empty for none.</param>
    /// <param name="options">Stride, padding, padding mode, dilation, groups, layout, algorithm.</param>
    /// <exception cref="ArgumentException">The weights are empty or not a whole number of O × kh × kw filters, or the bias is not O long.</exception>
    public Conv2DLayer(ReadOnlySpan<float> weights, int outputChannels, int kernelHeight, int kernelWidth, ReadOnlySpan<float> bias = default, Conv2DLayerOptions? options = null)
    {
        Options = options ?? Conv2DLayerOptions.Default;
        int groupInputChannels = LayerWeights.InputChannels(weights, outputChannels, kernelHeight, kernelWidth);
        if (!bias.IsEmpty && bias.Length != outputChannels)
            ThrowHelper.Argument(nameof(bias), $"bias holds {bias.Length} floats; it needs one per output channel ({outputChannels}).");
        if (!(Options.Tolerance >= 0)) ThrowHelper.OutOfRange("options.Tolerance", Options.Tolerance, "0 or more.");
        if (!AlgorithmIsKnown(Options.Algorithm))
            ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = '{Options.Algorithm}' is not a layer algorithm. Known: Auto, {string.Join(", ", AlgorithmList.Select(a => a.Name))}.");
        _weights = weights.ToArray();
        _bias = bias.ToArray();
        OutputChannels = outputChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        GroupInputChannels = groupInputChannels;
    }

    /// <summary>The layer algorithms, in the order Auto considers them.</summary>
    public static IReadOnlyList<LayerAlgorithm> Algorithms => AlgorithmList;

    /// <summary>The options the layer was built with.</summary>
    public Conv2DLayerOptions Options { get; }

    /// <summary>O.</summary>
    public int OutputChannels { get; }

    /// <summary>kh.</summary>
    public int KernelHeight { get; }

    /// <summary>kw.</summary>
    public int KernelWidth { get; }

    /// <summary>C / groups: the weights' second dimension.</summary>
    public int GroupInputChannels { get; }

    /// <summary>C: <see cref="GroupInputChannels"/> × groups.</summary>
    public int InputChannels => GroupInputChannels * Options.Groups;

    /// <summary>
    /// One output sample of the layer on <paramref name="input"/> (NCHW, N × C × <paramref name="height"/> ×
    /// <paramref name="width"/>), computed by the double-precision reference: what benchmarks verify large outputs with,
    /// sample by sample.
    /// </summary>
    public double ReferenceAt(ReadOnlySpan<float> input, int batch, int height, int width, int n, int o, int y, int x)
    {
        var problem = Plan(batch, height, width);
        if (input.Length != problem.InputLength) ThrowHelper.Argument(nameof(input), $"input holds {input.Length} floats; N·C·H·W = {problem.InputLength}.");
        if ((uint)n >= (uint)problem.Batch || (uint)o >= (uint)problem.OutputChannels || (uint)y >= (uint)problem.OutputHeight || (uint)x >= (uint)problem.OutputWidth)
            ThrowHelper.OutOfRange("(n, o, y, x)", $"({n}, {o}, {y}, {x})", $"inside the output {problem.Batch} × {problem.OutputChannels} × {problem.OutputHeight} × {problem.OutputWidth}.");
        return LayerReference.At(problem, input, _weights, _bias, n, o, y, x);
    }

    /// <summary>The problem of an input of <paramref name="batch"/> × C × <paramref name="height"/> × <paramref name="width"/>.</summary>
    public Conv2DLayerProblem Plan(int batch, int height, int width) =>
        Conv2DLayerProblem.Create(batch, InputChannels, height, width, OutputChannels, KernelHeight, KernelWidth, Options, _bias.Length > 0);

    /// <summary>The algorithm that runs on an input of <paramref name="batch"/> × C × <paramref name="height"/> × <paramref name="width"/>.</summary>
    public LayerAlgorithm AlgorithmFor(int batch, int height, int width) => Choose(Plan(batch, height, width));

    /// <summary>Which algorithm runs on this input shape, and why; every algorithm's answer.</summary>
    public string Explain(int batch, int height, int width)
    {
        var problem = Plan(batch, height, width);
        var lines = new List<string> { $"{problem}: {Choose(problem).Name}" };
        foreach (var algorithm in AlgorithmList)
        {
            bool supported = algorithm.Supports(problem, out string reason);
            string auto = supported && !AutoTakes(algorithm, problem, out string why) ? $"; Auto passes: {why}" : "";
            lines.Add($"  {algorithm.Name}: {(supported ? "yes" : "no")}, {reason}{auto}{(supported ? LayoutNote(algorithm) : "")}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The layer on <paramref name="input"/> (N × C × H × W, or N × H × W × C with <see cref="TensorLayout.Nhwc"/>); returns N × O × H' × W' in the same layout.</summary>
    /// <exception cref="ArgumentException">The input's length is not N·C·H·W.</exception>
    public float[] Forward(ReadOnlySpan<float> input, int batch, int height, int width, ExecutionContext? context = null)
    {
        var problem = Plan(batch, height, width);
        var output = new float[problem.OutputLength];
        Run(problem, input, output, context);
        return output;
    }

    /// <summary>The layer into the caller's buffer, which must hold N·O·H'·W' floats (see <see cref="Plan"/>); nothing is written when a check fails.</summary>
    /// <exception cref="ArgumentException">The input's length is not N·C·H·W, or the output's is not N·O·H'·W'.</exception>
    public void Forward(ReadOnlySpan<float> input, int batch, int height, int width, Span<float> output, ExecutionContext? context = null) =>
        Run(Plan(batch, height, width), input, output, context);

    private void Run(Conv2DLayerProblem problem, ReadOnlySpan<float> input, Span<float> output, ExecutionContext? context)
    {
        context ??= ExecutionContext.Default;
        context.Validate();
        if (input.Length != problem.InputLength)
            ThrowHelper.Argument(nameof(input), $"input holds {input.Length} floats; N·C·H·W = {problem.Batch}·{problem.InputChannels}·{problem.InputHeight}·{problem.InputWidth} = {problem.InputLength}.");
        if (output.Length != problem.OutputLength)
            ThrowHelper.Argument(nameof(output), $"output holds {output.Length} floats; N·O·H'·W' = {problem.Batch}·{problem.OutputChannels}·{problem.OutputHeight}·{problem.OutputWidth} = {problem.OutputLength}.");
        if (input.Overlaps(output)) ThrowHelper.Argument(nameof(output), "output overlaps input.");
        if (!_prepared.TryGetValue(problem, out var prepared))
        {
            // A layer sees few shapes; one that sees many keeps the latest few preparations, not one per shape ever seen.
            if (_prepared.Count >= PreparedLimit) _prepared.Clear();
            prepared = _prepared.GetOrAdd(problem, p => Prepare(Choose(p), p));
        }

        if (prepared.Layout == Options.Layout)
        {
            prepared.Execute(input, output, context);
            return;
        }

        // NHWC on an algorithm that runs NCHW only: reorder to NCHW and back around it; the reorders are part of the call's time.
        float[] nchwIn = context.Workspace.Rent(problem.InputLength), nchwOut = context.Workspace.Rent(problem.OutputLength);
        try
        {
            using (context.Stage("reorder"))
            {
                ChannelsTranspose.Run(input, nchwIn, problem.Batch, problem.InputHeight * problem.InputWidth, problem.InputChannels, context);
            }

            prepared.Execute(nchwIn.AsSpan(0, (int)problem.InputLength), nchwOut.AsSpan(0, (int)problem.OutputLength), context);
            using (context.Stage("reorder"))
            {
                ChannelsTranspose.Run(nchwOut, output, problem.Batch, problem.OutputChannels, problem.OutputHeight * problem.OutputWidth, context);
            }
        }
        finally
        {
            Workspace.Return(nchwIn);
            Workspace.Return(nchwOut);
        }
    }

    /// <summary>For a channels-last layer, whether <paramref name="algorithm"/> runs it natively or the layer reorders around it; nothing for NCHW.</summary>
    private string LayoutNote(LayerAlgorithm algorithm)
    {
        if (Options.Layout == TensorLayout.Nchw) return "";
        return algorithm.RunsChannelsLast ? "; runs NHWC natively" : "; NHWC reordered around it";
    }

    /// <summary>The algorithm's preparation for this layer's layout: channels-last natively where the algorithm can, else NCHW.</summary>
    private PreparedLayer Prepare(LayerAlgorithm algorithm, Conv2DLayerProblem problem) =>
        Options.Layout == TensorLayout.Nhwc && algorithm.RunsChannelsLast ? algorithm.PrepareChannelsLast(problem, _weights, _bias) : algorithm.Prepare(problem, _weights, _bias);

    private LayerAlgorithm Choose(Conv2DLayerProblem problem)
    {
        if (!string.Equals(Options.Algorithm, "Auto", StringComparison.OrdinalIgnoreCase))
        {
            var named = AlgorithmList.First(a => string.Equals(a.Name, Options.Algorithm, StringComparison.OrdinalIgnoreCase));
            if (!named.Supports(problem, out string reason)) ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = '{named.Name}' does not support {problem}: {reason}");
            return named;
        }

        return AlgorithmList.First(a => a.Supports(problem, out _) && AutoTakes(a, problem, out _));
    }

    /// <summary>Whether Auto takes an algorithm that supports <paramref name="problem"/>: within the tolerance, and worth it.</summary>
    private bool AutoTakes(LayerAlgorithm algorithm, Conv2DLayerProblem problem, out string reason)
    {
        if (algorithm.Accuracy == Conv2DAccuracy.Bounded && algorithm.ErrorBound(problem) > Options.Tolerance)
        {
            reason = $"its error bound {algorithm.ErrorBound(problem):G3} is above the tolerance {Options.Tolerance:G3}";
            return false;
        }

        return algorithm.WorthwhileFor(problem, out reason);
    }

    private static bool AlgorithmIsKnown(string name) =>
        string.Equals(name, "Auto", StringComparison.OrdinalIgnoreCase) || AlgorithmList.Any(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
}
