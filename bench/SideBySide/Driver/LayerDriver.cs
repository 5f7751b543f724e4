using System;
using System.Diagnostics;
using ConvSharp.Layers;

namespace ConvSharp.SideBySide;

/// <summary>
/// Times one <see cref="Conv2DLayer.Forward(ReadOnlySpan{float}, int, int, int, Span{float}, ExecutionContext?)"/> call of
/// the build it was compiled against. Compiled only where the host names a layer case (<c>-p:WithLayers=true</c>): builds
/// before the layer (issue #8) lack the API. The buffers come from the host, as for <see cref="ConvolutionDriver"/>.
/// </summary>
public static class LayerDriver
{
    /// <summary>
    /// A timer for one call of <paramref name="algorithm"/> on a batch × channels × size² input (NHWC when
    /// <paramref name="channelsLast"/>) with k × k weights, symmetric zero padding and the given groups.
    /// </summary>
    public static Func<double> Create(string algorithm, int batch, int channels, int size, int outputs, int k, int padding, int groups, bool channelsLast, int threads, float[] input, float[] weights, float[] output)
    {
        var options = new Conv2DLayerOptions
        {
            Algorithm = algorithm,
            Padding = LayerPadding.Symmetric(padding),
            Groups = groups,
            Layout = channelsLast ? TensorLayout.Nhwc : TensorLayout.Nchw,
        };
        var layer = new Conv2DLayer(weights, outputs, k, k, options: options);
        var context = new ExecutionContext { MaxDegreeOfParallelism = threads };
        return () =>
        {
            long start = Stopwatch.GetTimestamp();
            layer.Forward(input, batch, size, size, output, context);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        };
    }
}
