using System.Runtime.CompilerServices;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Direct;

/// <summary>The plain scalar row kernel: one accumulator per output sample, taps in row-major order, multiply then add.</summary>
internal unsafe struct ScalarRowKernel : IRowKernel
{
    public readonly bool HandlesHorizontalStride => true;

    public readonly int VectorWidth => 1;

    // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Run(float** rows, float* dst, int x0, int x1, in ConvolutionData data)
    {
        int kh = data.KernelHeight, kw = data.KernelWidth, sx = data.StrideX, dx = data.DilationX;
        float* kernel = data.Kernel;
        for (int x = x0; x < x1; x++)
        {
            long column = (long)x * sx;
            float sum = 0f;
            for (int i = 0; i < kh; i++)
            {
                float* row = rows[i] + column;
                float* taps = kernel + i * kw;
                for (int j = 0; j < kw; j++) sum += row[(long)j * dx] * taps[j];
            }

            dst[x] = sum;
        }
    }
}
