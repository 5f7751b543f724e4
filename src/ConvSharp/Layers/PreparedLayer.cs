using System;

namespace ConvSharp.Layers;

/// <summary>A layer algorithm with its weights prepared for one problem's shapes; runs NCHW to NCHW.</summary>
internal abstract class PreparedLayer(Conv2DLayerProblem problem, LayerAlgorithm algorithm)
{
    public Conv2DLayerProblem Problem { get; } = problem;

    public LayerAlgorithm Algorithm { get; } = algorithm;

    /// <summary><paramref name="input"/> N × C × H × W into <paramref name="output"/> N × O × H' × W' (lengths checked by the caller).</summary>
    public abstract void Execute(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context);
}
