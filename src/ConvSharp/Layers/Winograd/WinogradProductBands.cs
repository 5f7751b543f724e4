using ConvSharp.Execution;
using ConvSharp.GemmKernels;
using ConvSharp.Simd;

namespace ConvSharp.Layers.Winograd;

/// <summary>
/// The products of one band, in parallel over (transform point, strip of output channels) items: M[p] = V[p]·U[p] for
/// one strip, six tiles at a time. The strip of U (C/g × Columns) stays in L1 while the band's tiles stream past it.
/// </summary>
internal readonly unsafe struct WinogradProductBands<TOps, TVector>(WinogradGeometry geometry, float* u, int tilePad, float* v, float* m) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    public void Invoke(int band, int start, int end)
    {
        var g = geometry;
        int depth = g.Problem.GroupInputChannels, strips = g.Strips, columns = g.Columns;
        for (int item = start; item < end; item++)
        {
            int point = item / strips, strip = item % strips;
            float* weights = u + ((((long)point * strips) + strip) * depth * columns);
            float* vPoint = v + ((long)point * tilePad * g.ChannelPad);
            float* mPoint = m + ((long)point * tilePad * g.OutputPad) + (strip * columns);
            // The SGEMM's tile with A read in place: the six tiles' rows of V, each channel-contiguous as the input
            // transform wrote them, broadcast from six row pointers, so V is never packed.
            for (int t = 0; t < tilePad; t += VectorMicroKernel<TOps, TVector>.Rows)
            {
                VectorMicroKernel<TOps, TVector>.RunStridedA(depth, vPoint + ((long)t * g.ChannelPad), g.ChannelPad, weights, mPoint + ((long)t * g.OutputPad), g.OutputPad, 1f, 0f);
            }
        }
    }
}
