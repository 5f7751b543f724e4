using System.Runtime.CompilerServices;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Simd;

/// <summary>
/// The scalar twin of <see cref="SimdRowKernel{TOps, TVector}"/>: same tap order, same fused multiply-add choice, so a
/// sample computed here equals the one a vector lane would give. It handles segments narrower than one vector and is the
/// whole path when no SIMD is accelerated.
/// </summary>
internal unsafe struct FusedScalarRowKernel : IRowKernel
{
    public readonly bool HandlesHorizontalStride => false;

    public readonly int VectorWidth => 1;

    // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Run(float** rows, float* dst, int x0, int x1, in ConvolutionData data)
    {
        int kh = data.KernelHeight, kw = data.KernelWidth;
        long dx = data.DilationX;
        float* kernel = data.Kernel;
        for (int x = x0; x < x1; x++)
        {
            float sum = 0f;
            for (int i = 0; i < kh; i++)
            {
                float* row = rows[i] + x;
                float* taps = kernel + i * kw;
                for (int j = 0; j < kw; j++) sum = float.MultiplyAddEstimate(row[j * dx], taps[j], sum);
            }

            dst[x] = sum;
        }
    }
}
