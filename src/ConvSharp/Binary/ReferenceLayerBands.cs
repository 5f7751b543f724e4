using ConvSharp.Execution;
using ConvSharp.Layers;

namespace ConvSharp.Binary;

/// <summary>
/// The binary layer's <c>Reference</c>: per output, the definition, Σ over channels and counted taps of sign(I)·sign(W)
/// read from the floats and the weights' signs, then scaled by the same K and α as the fast paths.
/// </summary>
internal readonly unsafe struct ReferenceLayerBands(Conv2DLayerProblem p, BinaryPadding padding, bool[] signs, float* input, float* alphas, float* mean, float* k, float* output, int* counts) : IRowBandOperation
{
    public void Invoke(int band, int start, int end)
    {
        long outPlane = (long)p.OutputHeight * p.OutputWidth;
        for (int item = start; item < end; item++)
        {
            int n = item / p.OutputHeight, y = item % p.OutputHeight;
            float* kRow = k + ((long)item * p.OutputWidth);
            if (output != null) BinaryLayerRows.WindowMeans(p, mean, n, y, kRow);
            long at = ((long)n * p.OutputChannels * outPlane) + ((long)y * p.OutputWidth);
            for (int x = 0; x < p.OutputWidth; x++)
            {
                for (int o = 0; o < p.OutputChannels; o++)
                {
                    int count = Count(n, o, y, x);
                    long index = at + ((long)o * outPlane) + x;
                    if (counts != null) counts[index] = count;
                    else output[index] = count * (kRow[x] * alphas[o]);
                }
            }
        }
    }

    /// <summary>The definition at output (<paramref name="n"/>, <paramref name="o"/>, <paramref name="y"/>, <paramref name="x"/>).</summary>
    private int Count(int n, int o, int y, int x)
    {
        int sum = 0, taps = p.KernelHeight * p.KernelWidth;
        long pixels = (long)p.InputHeight * p.InputWidth;
        for (int c = 0; c < p.InputChannels; c++)
        {
            for (int i = 0; i < p.KernelHeight; i++)
            {
                long r = ((long)y * p.Stride.Y) + ((long)i * p.Dilation.Y) - p.Padding.Top;
                for (int j = 0; j < p.KernelWidth; j++)
                {
                    long col = ((long)x * p.Stride.X) + ((long)j * p.Dilation.X) - p.Padding.Left;
                    bool weight = signs[((((long)o * p.InputChannels) + c) * taps) + (i * p.KernelWidth) + j];
                    bool sign;
                    if (r >= 0 && r < p.InputHeight && col >= 0 && col < p.InputWidth) sign = input[((((long)n * p.InputChannels) + c) * pixels) + (r * p.InputWidth) + col] > 0;
                    else if (padding == BinaryPadding.Zero) continue;
                    else sign = padding == BinaryPadding.PlusOne;
                    sum += sign == weight ? 1 : -1;
                }
            }
        }

        return sum;
    }
}
