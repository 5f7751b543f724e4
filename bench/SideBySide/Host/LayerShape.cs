namespace ConvSharp.SideBySide;

/// <summary>A layer case's shape, as the layers suite gives it: N × C × size², O outputs, k × k weights, symmetric zero padding, groups, NCHW or NHWC; or an XNOR layer's (<paramref name="Binary"/>).</summary>
internal sealed record LayerShape(int Batch, int Channels, int Size, int Outputs, int Kernel, int Padding, int Groups, bool ChannelsLast = false, bool Binary = false)
{
    public int InputLength => Batch * Channels * Size * Size;

    public int WeightLength => Outputs * (Channels / Groups) * Kernel * Kernel;

    public int OutputLength => Batch * Outputs * (Size + (2 * Padding) - Kernel + 1) * (Size + (2 * Padding) - Kernel + 1);
}
