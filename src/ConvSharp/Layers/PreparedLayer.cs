using System;

namespace ConvSharp.Layers;

/// <summary>A layer algorithm with its weights prepared for one problem's shapes; runs <see cref="Layout"/> to the same layout (NCHW unless it says otherwise).</summary>
internal abstract class PreparedLayer(Conv2DLayerProblem problem, LayerAlgorithm algorithm)
{
    public Conv2DLayerProblem Problem { get; } = problem;

    public LayerAlgorithm Algorithm { get; } = algorithm;

    /// <summary>The layout <see cref="Execute"/> reads and writes: NCHW, or NHWC for a preparation made by <see cref="LayerAlgorithm.PrepareChannelsLast"/>.</summary>
    public virtual TensorLayout Layout => TensorLayout.Nchw;

    /// <summary><paramref name="input"/> N × C × H × W into <paramref name="output"/> N × O × H' × W', or both channels-last as <see cref="Layout"/> says (lengths checked by the caller).</summary>
    public abstract void Execute(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context);
}
