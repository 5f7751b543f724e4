using System;

namespace ConvSharp.Layers;

/// <summary>
/// A preparation whose NCHW tensors are already channels-last: with one channel in and out, N × 1 × H × W and
/// N × H × W × 1 are the same floats, so a single-channel layer runs NHWC through its NCHW preparation as it is.
/// </summary>
internal sealed class ChannelsLastAlias(PreparedLayer inner) : PreparedLayer(inner.Problem, inner.Algorithm)
{
    public override TensorLayout Layout => TensorLayout.Nhwc;

    public override void Execute(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context) => inner.Execute(input, output, context);
}
