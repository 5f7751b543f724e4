using System;
using System.Diagnostics;
using ConvSharp.Binary;
using ConvSharp.Layers;

namespace ConvSharp.SideBySide;

/// <summary>
/// Times one <see cref="BinaryConv2DLayer"/> forward call of the build it was compiled against. Compiled only where the
/// host names a binary case (<c>-p:WithBinary=true</c>): builds before the XNOR layer (issue #9) lack the API.
/// </summary>
public static class BinaryLayerDriver
{
    /// <summary>
    /// A timer for one call of <paramref name="algorithm"/> on a batch × channels × size² NCHW input with k × k weights and
    /// symmetric padding, the binary suite's semantics (zero padding in ±1 space), into <paramref name="output"/>.
    /// </summary>
    public static Func<double> Create(string algorithm, int batch, int channels, int size, int outputs, int k, int padding, int threads, float[] input, float[] weights, float[] output)
    {
        var options = new BinaryLayerOptions { Algorithm = algorithm, Padding = LayerPadding.Symmetric(padding) };
        var layer = new BinaryConv2DLayer(weights, outputs, k, k, options);
        if (layer.InputChannels != channels) throw new ArgumentException($"weights for {layer.InputChannels} channels, input has {channels}.", nameof(channels));
        var context = new ExecutionContext { MaxDegreeOfParallelism = threads };
        return () =>
        {
            long start = Stopwatch.GetTimestamp();
            layer.Forward(input, batch, size, size, output, context);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        };
    }
}
