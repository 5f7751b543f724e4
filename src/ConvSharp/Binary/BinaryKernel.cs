using System;

namespace ConvSharp.Binary;

/// <summary>A kernel as XNOR-Net sees it: its sign bits (1 where w &gt; 0), row-major, and α = mean |w|.</summary>
internal sealed class BinaryKernel
{
    private BinaryKernel(int height, int width, bool[] signs, double alpha)
    {
        Height = height;
        Width = width;
        Signs = signs;
        Alpha = alpha;
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Tap (i, j)'s sign bit at i·Width + j: true for +1 (w &gt; 0), false for −1.</summary>
    public bool[] Signs { get; }

    /// <summary>α = mean |w| over the taps, in double.</summary>
    public double Alpha { get; }

    public static BinaryKernel From(ReadOnlyPlane2D kernel)
    {
        var signs = new bool[kernel.Height * kernel.Width];
        double sum = 0;
        for (int i = 0; i < kernel.Height; i++)
        {
            var row = kernel.Row(i);
            for (int j = 0; j < kernel.Width; j++)
            {
                signs[(i * kernel.Width) + j] = row[j] > 0;
                sum += Math.Abs((double)row[j]);
            }
        }

        return new BinaryKernel(kernel.Height, kernel.Width, signs, sum / signs.Length);
    }
}
