using ConvSharp.Layers;

namespace ConvSharp.Binary;

/// <summary>Per output row pieces both binary layer kernels share: the taps inside the input, K, and filter sums over a rectangle of taps.</summary>
internal static unsafe class BinaryLayerRows
{
    /// <summary>The taps [first, end) along one axis whose input index origin + i·dilation − before lies in [0, size): always an interval.</summary>
    public static (int First, int End) Inside(long origin, int dilation, int kernel, int before, int size)
    {
        int first = 0, end = kernel;
        while (first < kernel && origin + ((long)first * dilation) - before < 0) first++;
        while (end > first && origin + ((long)(end - 1) * dilation) - before >= size) end--;
        return (first, end);
    }

    /// <summary>Σ over taps [rowFirst, rowEnd) × [columnFirst, columnEnd) from 2-D prefix sums with rows of <paramref name="kernelWidth"/> + 1.</summary>
    public static int RectangleSum(int* sums, int kernelWidth, int rowFirst, int rowEnd, int columnFirst, int columnEnd)
    {
        if (rowEnd <= rowFirst || columnEnd <= columnFirst) return 0;
        int stride = kernelWidth + 1;
        return sums[(rowEnd * stride) + columnEnd] - sums[(rowFirst * stride) + columnEnd] - sums[(rowEnd * stride) + columnFirst] + sums[(rowFirst * stride) + columnFirst];
    }

    /// <summary>
    /// K along output row <paramref name="y"/> of image <paramref name="n"/>, columns [<paramref name="first"/>,
    /// <paramref name="end"/>) (all by default): the box mean of the channel mean over each window (zero outside, ÷ kh·kw).
    /// </summary>
    public static void WindowMeans(Conv2DLayerProblem p, float* mean, int n, int y, float* kRow, int first = 0, int end = -1)
    {
        long pixels = (long)p.InputHeight * p.InputWidth;
        float inverse = 1f / (p.KernelHeight * p.KernelWidth);
        for (int x = first; x < (end < 0 ? p.OutputWidth : end); x++)
        {
            float sum = 0;
            for (int i = 0; i < p.KernelHeight; i++)
            {
                long r = ((long)y * p.Stride.Y) + ((long)i * p.Dilation.Y) - p.Padding.Top;
                if (r < 0 || r >= p.InputHeight) continue;
                for (int j = 0; j < p.KernelWidth; j++)
                {
                    long c = ((long)x * p.Stride.X) + ((long)j * p.Dilation.X) - p.Padding.Left;
                    if (c >= 0 && c < p.InputWidth) sum += mean[((long)n * pixels) + (r * p.InputWidth) + c];
                }
            }

            kRow[x] = sum * inverse;
        }
    }
}
