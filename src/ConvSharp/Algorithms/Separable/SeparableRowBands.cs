using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// Separable's row pass over a band of a strip's intermediate rows (stride 1 in x), two rows at a time through
/// <see cref="SeparableRowPass{TOps, TVector}"/>.
/// </summary>
internal readonly unsafe struct SeparableRowBands<TOps, TVector>(ConvolutionData data) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private readonly ConvolutionData _data = data;

    // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        ref readonly ConvolutionData d = ref _data;
        var pass = new SeparableRowPass<TOps, TVector>(in d, d.BandScratch(band));
        int y = start;
        for (; y + 1 < end; y += 2)
        {
            float* dstA = d.Output + ((long)y * d.OutputPitch);
            pass.Run(in d, y, dstA, dstA + d.OutputPitch);
        }

        if (y < end) pass.Run(in d, y, d.Output + ((long)y * d.OutputPitch), null);
    }
}
