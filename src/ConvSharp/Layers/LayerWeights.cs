using System;

namespace ConvSharp.Layers;

/// <summary>The weight-shape checks every layer makes (<see cref="Conv2DLayer"/>, <c>BinaryConv2DLayer</c>).</summary>
internal static class LayerWeights
{
    /// <summary>
    /// Validates O, kh, kw and that the weights are a whole number of O × kh × kw filters; returns the weights' second
    /// dimension (C per group), errors naming the parameter and its value.
    /// </summary>
    public static int InputChannels(ReadOnlySpan<float> weights, int outputChannels, int kernelHeight, int kernelWidth)
    {
        if (outputChannels < 1) ThrowHelper.OutOfRange(nameof(outputChannels), outputChannels, "1 or more.");
        if (kernelHeight < 1) ThrowHelper.OutOfRange(nameof(kernelHeight), kernelHeight, "1 or more.");
        if (kernelWidth < 1) ThrowHelper.OutOfRange(nameof(kernelWidth), kernelWidth, "1 or more.");
        long filter = (long)outputChannels * kernelHeight * kernelWidth;
        if (weights.IsEmpty || weights.Length % filter != 0)
            ThrowHelper.Argument(nameof(weights), $"weights holds {weights.Length} floats, not a whole number of O·kh·kw = {filter} (O × C/groups × kh × kw).");
        return (int)(weights.Length / filter);
    }
}
