using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ConvSharp.Execution;
using ConvSharp.Layers;

namespace ConvSharp.Binary;

/// <summary>
/// XNOR-Net's binary convolution layer (Rastegari et al. 2016, §3.2) over batched NCHW tensors: for output channel o,
/// out = (sign(I) ⊛ sign(W_o))·K·α_o, with α_o = mean |W_o| over its C·kh·kw weights, K = A ∗ k where A is the mean over
/// channels of |I| and k the kh × kw box of 1/(kh·kw) (zero outside), and ⊛ summing sign products over every channel
/// and every tap that counts (<see cref="BinaryPadding"/>). Binary semantics: an approximation of <see cref="Conv2DLayer"/>,
/// never one of its algorithms. One group. See docs/algorithms.md.
/// </summary>
/// <remarks>
/// <c>xnor-bgemm</c> packs the input's sign bits along channels, 64 to a word per pixel (an NHWC bit layout), and each
/// filter the same way, so an output's count is Σ over taps and channel words of popcount(XNOR), the last word masked.
/// </remarks>
public sealed unsafe class BinaryConv2DLayer
{
    private readonly float[] _alphas;
    private readonly ulong[] _filters;   // [o][tap][word]
    private readonly bool[] _signs;      // [o][c][i][j], for the reference
    private readonly int _words;

    /// <param name="weights">O × C × kh × kw, row-major (one group).</param>
    /// <param name="outputChannels">O.</param>
    /// <param name="kernelHeight">kh.</param>
    /// <param name="kernelWidth">kw.</param>
    /// <param name="options">Stride, dilation, padding, binary padding, algorithm.</param>
    /// <exception cref="ArgumentException">The weights are not a whole number of O × kh × kw filters, or the algorithm is unknown.</exception>
    public BinaryConv2DLayer(ReadOnlySpan<float> weights, int outputChannels, int kernelHeight, int kernelWidth, BinaryLayerOptions? options = null)
    {
        Options = options ?? BinaryLayerOptions.Default;
        InputChannels = LayerWeights.InputChannels(weights, outputChannels, kernelHeight, kernelWidth);
        if (Options.Algorithm is not ("Auto" or "xnor-bgemm" or "Reference"))
            ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = '{Options.Algorithm}' is not Auto, xnor-bgemm or Reference.");
        if (!Enum.IsDefined(Options.BinaryPadding)) ThrowHelper.OutOfRange("options.BinaryPadding", Options.BinaryPadding, "Zero, MinusOne or PlusOne.");
        OutputChannels = outputChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        _words = (InputChannels + 63) / 64;
        int taps = kernelHeight * kernelWidth, perFilter = InputChannels * taps;
        _alphas = new float[outputChannels];
        _signs = new bool[weights.Length];
        _filters = new ulong[(long)outputChannels * taps * _words];
        for (int o = 0; o < outputChannels; o++)
        {
            double sum = 0;
            for (int c = 0; c < InputChannels; c++)
            {
                for (int t = 0; t < taps; t++)
                {
                    float w = weights[(o * perFilter) + (c * taps) + t];
                    sum += Math.Abs((double)w);
                    _signs[(o * perFilter) + (c * taps) + t] = w > 0;
                    if (w > 0) _filters[(((long)o * taps) + t) * _words + (c >> 6)] |= 1UL << (c & 63);
                }
            }

            _alphas[o] = (float)(sum / perFilter);

            // Channels past C in the last word: weight bit 1 against an input bit 0, so their XNOR is 0 and never counts.
            for (int t = 0; t < taps && (InputChannels & 63) != 0; t++) _filters[(((long)o * taps) + t) * _words + _words - 1] |= ~0UL << (InputChannels & 63);
        }
    }

    /// <summary>The options the layer was built with.</summary>
    public BinaryLayerOptions Options { get; }

    /// <summary>O.</summary>
    public int OutputChannels { get; }

    /// <summary>C.</summary>
    public int InputChannels { get; }

    /// <summary>kh.</summary>
    public int KernelHeight { get; }

    /// <summary>kw.</summary>
    public int KernelWidth { get; }

    /// <summary>The shapes of an input of <paramref name="batch"/> × C × <paramref name="height"/> × <paramref name="width"/> (the layer problem, one group, zero padding mode).</summary>
    public Conv2DLayerProblem Plan(int batch, int height, int width) => Conv2DLayerProblem.Create(batch, InputChannels, height, width, OutputChannels, KernelHeight, KernelWidth,
        new Conv2DLayerOptions { Stride = Options.Stride, Dilation = Options.Dilation, Padding = Options.Padding });

    /// <summary>XNOR-Net's output, N × O × H' × W' (NCHW).</summary>
    public float[] Forward(ReadOnlySpan<float> input, int batch, int height, int width, ExecutionContext? context = null)
    {
        var problem = Plan(batch, height, width);
        var output = new float[problem.OutputLength];
        Run(problem, input, output, null, context);
        return output;
    }

    /// <summary>The integer part, Σ sign(I)·sign(W) over the channels and taps that count, N × O × H' × W'.</summary>
    public int[] ComputeCounts(ReadOnlySpan<float> input, int batch, int height, int width, ExecutionContext? context = null)
    {
        var problem = Plan(batch, height, width);
        var counts = new int[problem.OutputLength];
        Run(problem, input, null, counts, context);
        return counts;
    }

    /// <summary>The largest |result − exact| at an output with count <paramref name="count"/> and exact K <paramref name="k"/>: |count|·K·α·(kh·kw + C + 4)·2⁻²³.</summary>
    public double ErrorBound(int outputChannel, int count, double k) =>
        Math.Abs((double)count) * k * _alphas[outputChannel] * ((KernelHeight * KernelWidth) + InputChannels + 4) * Math.Pow(2, -23);

    private void Run(Conv2DLayerProblem p, ReadOnlySpan<float> input, float[]? output, int[]? counts, ExecutionContext? context)
    {
        context ??= ExecutionContext.Default;
        context.Validate();
        if (input.Length != p.InputLength) ThrowHelper.Argument(nameof(input), $"input holds {input.Length} floats; N·C·H·W = {p.InputLength}.");
        long pixels = (long)p.InputHeight * p.InputWidth;
        float[] workspace = context.Workspace.Rent((p.Batch * pixels * _words * 2) + (p.Batch * pixels) + ((long)p.Batch * p.OutputHeight * p.OutputWidth));
        try
        {
            fixed (float* x = input)
            fixed (float* scratch = workspace)
            fixed (float* y = output)
            fixed (int* z = counts)
            fixed (ulong* filters = _filters)
            fixed (float* alphas = _alphas)
            {
                ulong* bits = (ulong*)scratch;
                float* mean = scratch + (p.Batch * pixels * _words * 2), k = mean + (p.Batch * pixels);
                using (context.Stage("binarize"))
                {
                    ParallelRowIterator.For(p.Batch * p.InputHeight, (long)p.InputWidth * p.InputChannels, context, 1, new PackBands(p, x, bits, mean, _words));
                }

                if (output is not null)
                {
                    // Counts need no K.
                    using (context.Stage("k"))
                    {
                        ParallelRowIterator.For(p.Batch * p.OutputHeight, (long)p.OutputWidth * KernelHeight * KernelWidth, context, 1, new WindowMeanBands(p, mean, k));
                    }
                }

                bool reference = Options.Algorithm == "Reference";
                using (context.Stage(reference ? "reference" : "xnor-popcount"))
                {
                    var rows = new CountBands(this, p, x, bits, filters, alphas, k, y, z, reference);
                    ParallelRowIterator.For(p.Batch * p.OutputHeight, (long)p.OutputWidth * OutputChannels * KernelHeight * KernelWidth * _words, context, 1, rows);
                }
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    /// <summary>
    /// Sign bits along channels, 64 to a word per pixel, and the channel mean of |I| per pixel. Eight channels × eight
    /// pixels at a time: each channel's eight signs come from one compare and move-mask, the 8 × 8 bit block is
    /// transposed in a register (three delta swaps), and each pixel's byte of channel bits goes into its word.
    /// </summary>
    private readonly struct PackBands(Conv2DLayerProblem p, float* input, ulong* bits, float* mean, int words) : IRowBandOperation
    {
        public void Invoke(int band, int start, int end)
        {
            long pixels = (long)p.InputHeight * p.InputWidth;
            int width = p.InputWidth, vectorEnd = Vector256.IsHardwareAccelerated ? width & ~7 : 0;
            for (int item = start; item < end; item++)
            {
                int n = item / p.InputHeight, r = item % p.InputHeight;
                long first = ((long)n * pixels) + ((long)r * width);
                new Span<ulong>(bits + (first * words), width * words).Clear();
                new Span<float>(mean + first, width).Clear();
                float* plane0 = input + ((long)n * p.InputChannels * pixels) + ((long)r * width);
                for (int c8 = 0; c8 < p.InputChannels; c8 += 8)
                {
                    int channels = Math.Min(8, p.InputChannels - c8);
                    for (int col = 0; col < vectorEnd; col += 8)
                    {
                        ulong block = 0;
                        var sum = Vector256.Load(mean + first + col);
                        for (int k = 0; k < channels; k++)
                        {
                            var v = Vector256.Load(plane0 + ((c8 + k) * pixels) + col);
                            block |= (ulong)Vector256.GreaterThan(v, Vector256<float>.Zero).ExtractMostSignificantBits() << (8 * k);
                            sum += Vector256.Abs(v);
                        }

                        sum.Store(mean + first + col);
                        block = Transpose8x8(block);
                        ulong* target = bits + ((first + col) * words) + (c8 >> 6);
                        for (int q = 0; q < 8; q++) target[q * words] |= ((block >> (8 * q)) & 0xFF) << (c8 & 63);
                    }

                    for (int col = vectorEnd; col < width; col++)
                    {
                        for (int k = 0; k < channels; k++)
                        {
                            float v = plane0[((c8 + k) * pixels) + col];
                            if (v > 0) bits[((first + col) * words) + ((c8 + k) >> 6)] |= 1UL << ((c8 + k) & 63);
                            mean[first + col] += Math.Abs(v);
                        }
                    }
                }

                float inverse = 1f / p.InputChannels;
                for (int col = 0; col < width; col++) mean[first + col] *= inverse;
            }
        }

        /// <summary>Byte i bit j ↔ byte j bit i (Hacker's Delight's transpose8, three delta swaps).</summary>
        private static ulong Transpose8x8(ulong x)
        {
            ulong t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
            x ^= t ^ (t << 7);
            t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
            x ^= t ^ (t << 14);
            t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
            return x ^ t ^ (t << 28);
        }
    }

    /// <summary>K: the box mean of the channel mean over each window (zero outside, ÷ kh·kw).</summary>
    private readonly struct WindowMeanBands(Conv2DLayerProblem p, float* mean, float* k) : IRowBandOperation
    {
        public void Invoke(int band, int start, int end)
        {
            long pixels = (long)p.InputHeight * p.InputWidth;
            float inverse = 1f / (p.KernelHeight * p.KernelWidth);
            for (int item = start; item < end; item++)
            {
                int n = item / p.OutputHeight, y = item % p.OutputHeight;
                for (int x = 0; x < p.OutputWidth; x++)
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

                    k[(((long)n * p.OutputHeight) + y) * p.OutputWidth + x] = sum * inverse;
                }
            }
        }
    }

    /// <summary>Output rows: per pixel, every filter's XNOR popcounts over its taps and channel words (or the reference's sign products).</summary>
    private readonly struct CountBands(BinaryConv2DLayer owner, Conv2DLayerProblem p, float* input, ulong* bits, ulong* filters, float* alphas, float* k, float* output, int* counts, bool reference) : IRowBandOperation
    {
        public void Invoke(int band, int start, int end)
        {
            int words = owner._words, taps = p.KernelHeight * p.KernelWidth;
            long pixels = (long)p.InputHeight * p.InputWidth, outPlane = (long)p.OutputHeight * p.OutputWidth;
            var padding = owner.Options.BinaryPadding;
            ulong outsideBits = padding == BinaryPadding.PlusOne ? ulong.MaxValue : 0;
            ulong* outsideWord = stackalloc ulong[words];
            for (int w = 0; w < words; w++) outsideWord[w] = outsideBits;

            // Channels past C in the last word must never agree: the filter holds 1 there, so the padding's word holds 0.
            if ((p.InputChannels & 63) != 0) outsideWord[words - 1] &= (1UL << (p.InputChannels & 63)) - 1;
            ulong** tapWords = stackalloc ulong*[taps];
            int* four = stackalloc int[4];
            for (int item = start; item < end; item++)
            {
                int n = item / p.OutputHeight, y = item % p.OutputHeight;
                for (int x = 0; x < p.OutputWidth; x++)
                {
                    // The taps that count, and where their channel words are (the padding's word outside).
                    int used = 0, inside = 0;
                    for (int t = 0; t < taps; t++)
                    {
                        long r = ((long)y * p.Stride.Y) + ((long)(t / p.KernelWidth) * p.Dilation.Y) - p.Padding.Top;
                        long c = ((long)x * p.Stride.X) + ((long)(t % p.KernelWidth) * p.Dilation.X) - p.Padding.Left;
                        bool isInside = r >= 0 && r < p.InputHeight && c >= 0 && c < p.InputWidth;
                        if (isInside) inside++;
                        tapWords[t] = isInside ? bits + ((((long)n * pixels) + (r * p.InputWidth) + c) * words) : padding == BinaryPadding.Zero ? null : outsideWord;
                        if (tapWords[t] != null) used++;
                    }

                    int n0 = used * p.InputChannels;
                    long at = ((long)n * p.OutputChannels * outPlane) + ((long)y * p.OutputWidth) + x;
                    float kValue = k[(((long)n * p.OutputHeight) + y) * p.OutputWidth + x];
                    int o = 0;
                    if (!reference)
                    {
                        // Four filters at a time: each input word is loaded once for four XNOR-popcounts.
                        for (; o + 4 <= p.OutputChannels; o += 4)
                        {
                            if (Avx2.IsSupported && words % 4 == 0 && taps <= 31) Count4Avx2(filters + ((long)o * taps * words), (long)taps * words, tapWords, taps, words, four);
                            else Count4(filters + ((long)o * taps * words), (long)taps * words, tapWords, taps, words, four);
                            for (int q = 0; q < 4; q++) Store(at + ((long)(o + q) * outPlane), (2 * four[q]) - n0, kValue * alphas[o + q]);
                        }
                    }

                    for (; o < p.OutputChannels; o++)
                    {
                        int count = reference ? owner.ReferenceCount(p, input, n, o, y, x) : Count(filters + ((long)o * taps * words), tapWords, taps, words, n0);
                        Store(at + ((long)o * outPlane), count, kValue * alphas[o]);
                    }
                }
            }
        }

        private void Store(long index, int count, float scale)
        {
            if (counts != null) counts[index] = count;
            else output[index] = count * scale;
        }

        /// <summary>Agreements (not yet 2·a − n) of four consecutive filters, <paramref name="filterStride"/> words apart, over the counted taps.</summary>
        private static void Count4(ulong* filter, long filterStride, ulong** tapWords, int taps, int words, int* agree)
        {
            int a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (int t = 0; t < taps; t++)
            {
                ulong* source = tapWords[t];
                if (source == null) continue;
                ulong* f = filter + ((long)t * words);
                for (int w = 0; w < words; w++)
                {
                    ulong v = source[w];
                    a0 += BitOperations.PopCount(~(v ^ f[w]));
                    a1 += BitOperations.PopCount(~(v ^ f[filterStride + w]));
                    a2 += BitOperations.PopCount(~(v ^ f[(2 * filterStride) + w]));
                    a3 += BitOperations.PopCount(~(v ^ f[(3 * filterStride) + w]));
                }
            }

            agree[0] = a0;
            agree[1] = a1;
            agree[2] = a2;
            agree[3] = a3;
        }

        /// <summary>
        /// <see cref="Count4"/> on 256 channels per instruction: the XOR of a pixel's four channel words with each filter's,
        /// counted by nibbles through a 16-entry table (two byte shuffles), summed in bytes over the taps (at most 8 per
        /// tap, so up to 31 taps fit) and widened once by a sum of absolute differences. agree = 64·words − disagreements,
        /// as the channels past C always disagree.
        /// </summary>
        private static void Count4Avx2(ulong* filter, long filterStride, ulong** tapWords, int taps, int words, int* agree)
        {
            var table = Vector256.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
            var low = Vector256.Create((byte)0x0F);
            long d0 = 0, d1 = 0, d2 = 0, d3 = 0;
            for (int w = 0; w < words; w += 4)
            {
                Vector256<byte> s0 = Vector256<byte>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (int t = 0; t < taps; t++)
                {
                    ulong* source = tapWords[t];
                    if (source == null) continue;
                    var v = Vector256.Load(source + w);
                    ulong* f = filter + ((long)t * words) + w;
                    s0 = Avx2.Add(s0, Nibbles(v ^ Vector256.Load(f), table, low));
                    s1 = Avx2.Add(s1, Nibbles(v ^ Vector256.Load(f + filterStride), table, low));
                    s2 = Avx2.Add(s2, Nibbles(v ^ Vector256.Load(f + (2 * filterStride)), table, low));
                    s3 = Avx2.Add(s3, Nibbles(v ^ Vector256.Load(f + (3 * filterStride)), table, low));
                }

                d0 += Sum(s0);
                d1 += Sum(s1);
                d2 += Sum(s2);
                d3 += Sum(s3);
            }

            int used = 0;
            for (int t = 0; t < taps; t++) used += tapWords[t] == null ? 0 : 1;
            long bits = 64L * words * used;
            agree[0] = (int)(bits - d0);
            agree[1] = (int)(bits - d1);
            agree[2] = (int)(bits - d2);
            agree[3] = (int)(bits - d3);
        }

        /// <summary>Per byte, the number of set bits of <paramref name="x"/>'s byte.</summary>
        private static Vector256<byte> Nibbles(Vector256<ulong> x, Vector256<byte> table, Vector256<byte> low)
        {
            var bytes = x.AsByte();
            var lowNibbles = Avx2.Shuffle(table, Avx2.And(bytes, low));
            var highNibbles = Avx2.Shuffle(table, Avx2.And(Avx2.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte(), low));
            return Avx2.Add(lowNibbles, highNibbles);
        }

        /// <summary>The sum of all 32 byte counts.</summary>
        private static long Sum(Vector256<byte> counts)
        {
            var quads = Avx2.SumAbsoluteDifferences(counts, Vector256<byte>.Zero).AsUInt64();
            return (long)(quads.GetElement(0) + quads.GetElement(1) + quads.GetElement(2) + quads.GetElement(3));
        }

        private static int Count(ulong* filter, ulong** tapWords, int taps, int words, int n)
        {
            int agree = 0;
            for (int t = 0; t < taps; t++)
            {
                ulong* source = tapWords[t];
                if (source == null) continue;
                ulong* weights = filter + ((long)t * words);
                for (int w = 0; w < words; w++) agree += BitOperations.PopCount(~(source[w] ^ weights[w]));
            }

            return (2 * agree) - n;
        }
    }

    /// <summary>The definition: Σ over channels and counted taps of sign(I)·sign(W), reading the floats.</summary>
    private int ReferenceCount(Conv2DLayerProblem p, float* input, int n, int o, int y, int x)
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
                    bool weight = _signs[(((long)o * p.InputChannels) + c) * taps + (i * p.KernelWidth) + j];
                    bool sign;
                    if (r >= 0 && r < p.InputHeight && col >= 0 && col < p.InputWidth) sign = input[((((long)n * p.InputChannels) + c) * pixels) + (r * p.InputWidth) + col] > 0;
                    else if (Options.BinaryPadding == BinaryPadding.Zero) continue;
                    else sign = Options.BinaryPadding == BinaryPadding.PlusOne;
                    sum += sign == weight ? 1 : -1;
                }
            }
        }

        return sum;
    }
}
