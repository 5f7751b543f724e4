using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using ConvSharp.Borders;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Layers;

/// <summary>
/// Output rows of a channels-last depthwise layer (one filter per channel): each output pixel's channels are contiguous,
/// so a vector of them is Σ over the taps of a vector of input channels times the same taps' weights laid out
/// channel-contiguous ([tap][channel]), four pixels at a time so each weight vector loaded serves four FMAs; where the
/// stride equals the dilation the pixels slide along one run of columns, each loaded once: four on AVX2 (0.87× the time
/// on dw32), eight with AVX-512's 32 registers (0.68× four pixels' time, Zen 4). Rows and
/// columns outside the input go through the padding mode (<see cref="BorderIndex"/>); zero padding's taps are skipped.
/// Item i is output row i mod H' of image i ÷ H'.
/// </summary>
internal readonly unsafe struct DepthwiseChannelsLastRows<TOps, TVector>(Conv2DLayerProblem problem, float* input, float* output, float* weights, float* bias, int* columns, int interiorStart, int interiorEnd) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private const int Pixels = 4;

    /// <summary>Pixels per block of the sliding path (AVX-512, stride equal to dilation).</summary>
    private const int SlidingPixels = 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        var p = problem;
        int kh = p.KernelHeight, kw = p.KernelWidth, c = p.InputChannels, n = TOps.Count, wOut = p.OutputWidth;
        var mode = p.Border.Mode;
        float** rows = stackalloc float*[kh];
        bool eight = p.Stride.X == p.Dilation.X && Avx512F.IsSupported;
        for (int item = start; item < end; item++)
        {
            int image = item / p.OutputHeight, y = item % p.OutputHeight;
            for (int i = 0; i < kh; i++)
            {
                int row = BorderIndex.Map(((long)y * p.Stride.Y) - p.Padding.Top + ((long)i * p.Dilation.Y), p.InputHeight, mode);
                rows[i] = row < 0 ? null : input + ((((long)image * p.InputHeight) + row) * p.InputWidth * c);
            }

            float* target = output + ((((long)image * p.OutputHeight) + y) * wOut * c);
            int x = 0;
            for (; x < interiorStart; x++) One(rows, x, target, kh, kw, c, n);

            // Eight accumulators and a window of eight columns need AVX-512's 32 registers (with 16 they spill: 1.02× slower).
            if (eight) x = Blocks(rows, x, target, kh, kw, c, n, SlidingPixels);
            x = Blocks(rows, x, target, kh, kw, c, n, Pixels);
            for (; x < wOut; x++) One(rows, x, target, kh, kw, c, n);
        }
    }

    /// <summary>
    /// Interior pixels from <paramref name="x"/> in blocks of <paramref name="width"/> (eight or four) while a whole block
    /// fits, the last one ending where the interior ends: it rewrites a few pixels with the same bits (the same taps in
    /// the same order) rather than leaving them to smaller blocks. Returns the first pixel left: the interior's end, or
    /// <paramref name="x"/> when the interior is narrower than a block.
    /// </summary>
    private int Blocks(float** rows, int x, float* target, int kh, int kw, int c, int n, int width)
    {
        if (interiorEnd - interiorStart < width) return x;
        for (; x + width <= interiorEnd; x += width)
        {
            if (width == SlidingPixels) Eight(rows, x, target, kh, kw, c, n);
            else Four(rows, x, target, kh, kw, c, n);
        }

        if (x < interiorEnd && width == SlidingPixels) Eight(rows, interiorEnd - width, target, kh, kw, c, n);
        else if (x < interiorEnd) Four(rows, interiorEnd - width, target, kh, kw, c, n);
        return interiorEnd;
    }

    /// <summary>
    /// Interior pixels x .. x + 3 (every tap's column inside the input, so input column x·sx − left + j·dx directly),
    /// every channel: a vector of channels at a time, then the channels past the last whole vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Four(float** rows, int x, float* target, int kh, int kw, int c, int n)
    {
        var p = problem;
        long step = (long)p.Stride.X * c, tap = (long)p.Dilation.X * c, first = (((long)x * p.Stride.X) - p.Padding.Left) * c;
        int c0 = 0;
        for (; c0 + n <= c; c0 += n)
        {
            TVector a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
            float* w = weights + c0;
            for (int i = 0; i < kh; i++)
            {
                float* row = rows[i];
                if (row is null)
                {
                    w += (long)kw * c;
                    continue;
                }

                float* source = row + first + c0;
                if (step == tap)
                {
                    // Stride equal to dilation: pixel q's tap j reads column q + j, so the four pixels slide along one run
                    // of kw + 3 columns, each loaded once (nine registers: AVX2's sixteen hold them).
                    TVector in0 = TOps.Load(source), in1 = TOps.Load(source + step), in2 = TOps.Load(source + (2 * step));
                    source += 3 * step;
                    for (int j = 0; j < kw; j++, source += step, w += c)
                    {
                        TVector weight = TOps.Load(w), in3 = TOps.Load(source);
                        a0 = TOps.MultiplyAdd(in0, weight, a0);
                        a1 = TOps.MultiplyAdd(in1, weight, a1);
                        a2 = TOps.MultiplyAdd(in2, weight, a2);
                        a3 = TOps.MultiplyAdd(in3, weight, a3);
                        (in0, in1, in2) = (in1, in2, in3);
                    }

                    continue;
                }

                for (int j = 0; j < kw; j++, source += tap, w += c)
                {
                    TVector weight = TOps.Load(w);
                    a0 = TOps.MultiplyAdd(TOps.Load(source), weight, a0);
                    a1 = TOps.MultiplyAdd(TOps.Load(source + step), weight, a1);
                    a2 = TOps.MultiplyAdd(TOps.Load(source + (2 * step)), weight, a2);
                    a3 = TOps.MultiplyAdd(TOps.Load(source + (3 * step)), weight, a3);
                }
            }

            float* o = target + ((long)x * c) + c0;
            TVector b = bias is null ? TOps.Zero : TOps.Load(bias + c0);
            StoreFour(o, c, b, a0, a1, a2, a3);
        }

        for (int px = x; px < x + Pixels; px++) Tail(rows, px, target, kh, kw, c, c0);
    }

    /// <summary>Interior pixels x .. x + 7 where stride equals dilation: the eight pixels slide along kw + 7 columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Eight(float** rows, int x, float* target, int kh, int kw, int c, int n)
    {
        var p = problem;
        long step = (long)p.Stride.X * c, first = (((long)x * p.Stride.X) - p.Padding.Left) * c;
        int c0 = 0;
        for (; c0 + n <= c; c0 += n)
        {
            TVector a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero, a4 = TOps.Zero, a5 = TOps.Zero, a6 = TOps.Zero, a7 = TOps.Zero;
            float* w = weights + c0;
            for (int i = 0; i < kh; i++)
            {
                float* row = rows[i];
                if (row is null)
                {
                    w += (long)kw * c;
                    continue;
                }

                float* source = row + first + c0;
                TVector in0 = TOps.Load(source), in1 = TOps.Load(source + step), in2 = TOps.Load(source + (2 * step)), in3 = TOps.Load(source + (3 * step));
                TVector in4 = TOps.Load(source + (4 * step)), in5 = TOps.Load(source + (5 * step)), in6 = TOps.Load(source + (6 * step));
                source += 7 * step;
                for (int j = 0; j < kw; j++, source += step, w += c)
                {
                    TVector weight = TOps.Load(w), in7 = TOps.Load(source);
                    a0 = TOps.MultiplyAdd(in0, weight, a0);
                    a1 = TOps.MultiplyAdd(in1, weight, a1);
                    a2 = TOps.MultiplyAdd(in2, weight, a2);
                    a3 = TOps.MultiplyAdd(in3, weight, a3);
                    a4 = TOps.MultiplyAdd(in4, weight, a4);
                    a5 = TOps.MultiplyAdd(in5, weight, a5);
                    a6 = TOps.MultiplyAdd(in6, weight, a6);
                    a7 = TOps.MultiplyAdd(in7, weight, a7);
                    (in0, in1, in2, in3, in4, in5, in6) = (in1, in2, in3, in4, in5, in6, in7);
                }
            }

            float* o = target + ((long)x * c) + c0;
            TVector b = bias is null ? TOps.Zero : TOps.Load(bias + c0);
            StoreFour(o, c, b, a0, a1, a2, a3);
            StoreFour(o + (4 * c), c, b, a4, a5, a6, a7);
        }

        for (int px = x; px < x + SlidingPixels; px++) Tail(rows, px, target, kh, kw, c, c0);
    }

    /// <summary>Four pixels' vectors of one channel block, <paramref name="c"/> floats apart, each plus the bias vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFour(float* o, int c, TVector b, TVector a0, TVector a1, TVector a2, TVector a3)
    {
        TOps.Store(o, TOps.Add(a0, b));
        TOps.Store(o + c, TOps.Add(a1, b));
        TOps.Store(o + (2 * c), TOps.Add(a2, b));
        TOps.Store(o + (3 * c), TOps.Add(a3, b));
    }

    /// <summary>Pixel x, every channel.</summary>
    private void One(float** rows, int x, float* target, int kh, int kw, int c, int n)
    {
        int* map = columns + ((long)x * kw);
        int c0 = 0;
        for (; c0 + n <= c; c0 += n)
        {
            TVector a = TOps.Zero;
            for (int i = 0; i < kh; i++)
            {
                float* row = rows[i];
                if (row is null) continue;
                for (int j = 0; j < kw; j++)
                {
                    if (map[j] >= 0) a = TOps.MultiplyAdd(TOps.Load(row + ((long)map[j] * c) + c0), TOps.Load(weights + ((((long)i * kw) + j) * c) + c0), a);
                }
            }

            TOps.Store(target + ((long)x * c) + c0, bias is null ? a : TOps.Add(a, TOps.Load(bias + c0)));
        }

        Tail(rows, x, target, kh, kw, c, c0);
    }

    /// <summary>Channels [c0, C) of pixel x, one at a time, in the same order as the vectors.</summary>
    private void Tail(float** rows, int x, float* target, int kh, int kw, int c, int c0)
    {
        int* map = columns + ((long)x * kw);
        for (int ch = c0; ch < c; ch++)
        {
            float a = 0f;
            for (int i = 0; i < kh; i++)
            {
                float* row = rows[i];
                if (row is null) continue;
                for (int j = 0; j < kw; j++)
                {
                    if (map[j] >= 0) a = float.MultiplyAddEstimate(row[((long)map[j] * c) + ch], weights[((((long)i * kw) + j) * c) + ch], a);
                }
            }

            target[((long)x * c) + ch] = bias is null ? a : a + bias[ch];
        }
    }
}
