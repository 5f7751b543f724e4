using System;
using System.Numerics;
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
/// The input's signs are packed along channels, 64 to a word per pixel, into a padded bit image (<see cref="ChannelBitImage"/>).
/// <c>xnor-bgemm</c> packs each filter the same way and counts Σ over taps and channel words of popcount(XNOR)
/// (<see cref="PopcountLayerBands"/>); <c>xnor-csa</c> adds, for 256 filters at once, the filter bits each +1 input selects
/// with carry-save adders (<see cref="CarrySaveLayerBands"/>). Auto picks between them by a measured rule.
/// </remarks>
public sealed unsafe class BinaryConv2DLayer
{
    private readonly float[] _alphas;
    private readonly ulong[] _filters;   // [o][tap][word], O rounded up to four filters
    private readonly ulong[] _sliced;     // xnor-csa: per 256 filters, per (tap, channel bit) a vector of the filters' bits, a zero vector last
    private readonly float[] _laneAlphas;  // xnor-csa: α padded with zeros to whole blocks of 256 filters
    private readonly int[] _twiceWeights;  // xnor-csa: 2 × each filter's set bits over every tap, padded the same way
    private readonly int[] _laneSums;      // xnor-csa: the prefix sums entry-major, [(kh + 1) × (kw + 1)][lanes]
    private readonly int[] _filterSums;  // [o][(kh + 1) × (kw + 1)]: 2-D prefix sums of the set bits of each tap's words, past C included
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
        if (Options.Algorithm is not ("Auto" or "xnor-bgemm" or "xnor-csa" or "Reference"))
            ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = '{Options.Algorithm}' is not Auto, xnor-bgemm, xnor-csa or Reference.");
        if (!Enum.IsDefined(Options.BinaryPadding)) ThrowHelper.OutOfRange("options.BinaryPadding", Options.BinaryPadding, "Zero, MinusOne or PlusOne.");
        OutputChannels = outputChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        _words = (InputChannels + 63) / 64;
        int taps = kernelHeight * kernelWidth, perFilter = InputChannels * taps;
        _alphas = new float[outputChannels];
        _signs = new bool[weights.Length];
        int paddedOutputs = (outputChannels + 3) & ~3;
        _filters = new ulong[(long)paddedOutputs * taps * _words];
        _filterSums = new int[paddedOutputs * (kernelHeight + 1) * (kernelWidth + 1)];
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
            FilterSums(o, kernelHeight, kernelWidth);
        }

        bool carrySaveFits = (long)taps * InputChannels < 1 << 16;
        if (Options.Algorithm == "xnor-csa" && !carrySaveFits)
            ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = 'xnor-csa' counts up to kh·kw·C = {taps * (long)InputChannels} in 16 bits; it must be below 65536.");
        bool popcountVectorised = XnorPopcountKernel.CanBlock(_words);
        Algorithm = Options.Algorithm != "Auto" ? Options.Algorithm
            : carrySaveFits && Avx2.IsSupported && (!popcountVectorised || outputChannels > CarrySaveMinimumFilters) ? "xnor-csa" : "xnor-bgemm";
        _sliced = Algorithm == "xnor-csa" ? SliceFilters(weights, taps) : [];
        int lanes = Algorithm == "xnor-csa" ? (outputChannels + CarrySaveLayerBands.Lanes - 1) / CarrySaveLayerBands.Lanes * CarrySaveLayerBands.Lanes : 0;
        int entries = (kernelHeight + 1) * (kernelWidth + 1);
        _laneAlphas = new float[lanes];
        _twiceWeights = new int[lanes];
        _laneSums = new int[lanes * entries];
        for (int o = 0; o < Math.Min(lanes, outputChannels); o++)
        {
            _laneAlphas[o] = _alphas[o];
            _twiceWeights[o] = 2 * _filterSums[((o + 1) * entries) - 1];
            for (int e = 0; e < entries; e++) _laneSums[(e * lanes) + o] = _filterSums[(o * entries) + e];
        }
    }

    /// <summary>
    /// Auto takes <c>xnor-csa</c> above this many filters, or whenever C is not a multiple of 256 (where <c>xnor-bgemm</c>
    /// counts a word at a time). Measured at 28² and 14², 3 × 3: csa ÷ bgemm 0.55 at 256 → 256, 1.06 at 512 → 128, 1.53 at
    /// 256 → 64, 3.0 at 256 → 32; 0.10–0.63 where C is 32, 64 or 128. A block of 256 filter lanes costs the same however
    /// few of its lanes are used.
    /// </summary>
    private const int CarrySaveMinimumFilters = 128;

    /// <summary>The algorithm that runs: <see cref="BinaryLayerOptions.Algorithm"/>, or Auto's choice.</summary>
    public string Algorithm { get; }

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

    /// <summary>XNOR-Net's output into the caller's buffer, which must hold N·O·H'·W' floats (see <see cref="Plan"/>); nothing is written when a check fails.</summary>
    /// <exception cref="ArgumentException">The input's length is not N·C·H·W, or the output's is not N·O·H'·W'.</exception>
    public void Forward(ReadOnlySpan<float> input, int batch, int height, int width, Span<float> output, ExecutionContext? context = null)
    {
        var problem = Plan(batch, height, width);
        if (output.Length != problem.OutputLength) ThrowHelper.Argument(nameof(output), $"output holds {output.Length} floats; N·O·H'·W' = {problem.OutputLength}.");
        Run(problem, input, output, null, context);
    }

    /// <summary>The integer part, Σ sign(I)·sign(W) over the channels and taps that count, N × O × H' × W'.</summary>
    public int[] ComputeCounts(ReadOnlySpan<float> input, int batch, int height, int width, ExecutionContext? context = null)
    {
        var problem = Plan(batch, height, width);
        var counts = new int[problem.OutputLength];
        Run(problem, input, default, counts, context);
        return counts;
    }

    /// <summary>xnor-csa's filters: per block of 256 and channel word, per (tap, bit) the 256 filters' sign bits as one vector, a zero vector last.</summary>
    private ulong[] SliceFilters(ReadOnlySpan<float> weights, int taps)
    {
        int segment = (taps * 64) + 1, blocks = (OutputChannels + CarrySaveLayerBands.Lanes - 1) / CarrySaveLayerBands.Lanes;
        var sliced = new ulong[(long)blocks * _words * segment * 4];
        for (int o = 0; o < OutputChannels; o++)
        {
            int lane = o % CarrySaveLayerBands.Lanes;
            for (int c = 0; c < InputChannels; c++)
            {
                long wordSegment = (((long)(o / CarrySaveLayerBands.Lanes) * _words) + (c >> 6)) * segment;
                for (int t = 0; t < taps; t++)
                {
                    if (weights[(((o * InputChannels) + c) * taps) + t] > 0) sliced[((wordSegment + (t * 64) + (c & 63)) * 4) + (lane >> 6)] |= 1UL << (lane & 63);
                }
            }
        }

        return sliced;
    }

    /// <summary>Filter <paramref name="o"/>'s prefix sums: entry (i, j) counts the set bits of taps above row i and left of column j.</summary>
    private void FilterSums(int o, int kernelHeight, int kernelWidth)
    {
        int stride = kernelWidth + 1, taps = kernelHeight * kernelWidth;
        int* sums = stackalloc int[(kernelHeight + 1) * stride];
        for (int i = 0; i < kernelHeight; i++)
        {
            for (int j = 0; j < kernelWidth; j++)
            {
                int bits = 0;
                for (int w = 0; w < _words; w++) bits += BitOperations.PopCount(_filters[((((long)o * taps) + (i * kernelWidth) + j) * _words) + w]);
                sums[((i + 1) * stride) + j + 1] = bits + sums[(i * stride) + j + 1] + sums[((i + 1) * stride) + j] - sums[(i * stride) + j];
            }
        }

        new ReadOnlySpan<int>(sums, (kernelHeight + 1) * stride).CopyTo(_filterSums.AsSpan(o * (kernelHeight + 1) * stride));
    }

    /// <summary>The largest |result − exact| at an output with count <paramref name="count"/> and exact K <paramref name="k"/>: |count|·K·α·(kh·kw + C + 4)·2⁻²³.</summary>
    public double ErrorBound(int outputChannel, int count, double k) =>
        Math.Abs((double)count) * k * _alphas[outputChannel] * ((KernelHeight * KernelWidth) + InputChannels + 4) * Math.Pow(2, -23);

    private void Run(Conv2DLayerProblem p, ReadOnlySpan<float> input, Span<float> output, int[]? counts, ExecutionContext? context)
    {
        context ??= ExecutionContext.Default;
        context.Validate();
        if (input.Length != p.InputLength) ThrowHelper.Argument(nameof(input), $"input holds {input.Length} floats; N·C·H·W = {p.InputLength}.");
        var image = new ChannelBitImage(p, _words, Options.BinaryPadding);
        bool carrySave = Algorithm == "xnor-csa";
        long pixels = (long)p.InputHeight * p.InputWidth, kFloats = (long)p.Batch * p.OutputHeight * p.OutputWidth, bitFloats = p.Batch * image.ImageWords * 2;
        long segments = carrySave ? PixelBitLists.Segments(image, p.Batch) : 0, scratchStride = carrySave ? CarrySaveLayerBands.ScratchFloats(p) : 0;
        long listFloats = segments * ((PixelBitLists.SegmentBytes / 4) + 1), scratchFloats = ParallelRowIterator.MaxBands(context.Threads) * scratchStride;
        float[] workspace = context.Workspace.Rent(bitFloats + (p.Batch * pixels) + kFloats + listFloats + scratchFloats + 16);
        try
        {
            fixed (float* x = input)
            fixed (float* pinned = workspace)
            fixed (float* y = output)
            fixed (int* z = counts)
            fixed (ulong* filters = _filters)
            fixed (int* filterSums = _filterSums)
            fixed (ulong* sliced = _sliced)
            fixed (float* laneAlphas = _laneAlphas)
            fixed (int* twiceWeights = _twiceWeights)
            fixed (int* laneSums = _laneSums)
            fixed (float* alphas = _alphas)
            {
                // 32-byte aligned, so the carry-save running sums never split a cache line.
                float* scratch = (float*)(((nint)pinned + 31) & ~(nint)31);
                ulong* bits = (ulong*)scratch;
                float* mean = scratch + bitFloats, k = mean + (p.Batch * pixels);
                int* listCounts = (int*)(k + kFloats);
                byte* lists = (byte*)(listCounts + segments);
                using (context.Stage("binarize"))
                {
                    var pack = carrySave ? new ChannelBitPacking(p, image, x, bits, mean, lists, listCounts) : new ChannelBitPacking(p, image, x, bits, mean);
                    // About four operations per float (compare, move-mask, |x|, sum, and the transposes and lists): counted as such,
                    // a 28² image's 13 blocks split into bands of three rather than four, so two threads share them evenly.
                    ParallelRowIterator.For(ChannelBitPacking.Items(p), 4L * ChannelBitPacking.BlockPixels * p.InputChannels, context, 1, pack);
                }

                bool reference = Algorithm == "Reference";
                long work = (long)p.OutputWidth * OutputChannels * KernelHeight * KernelWidth * _words;
                if (carrySave)
                {
                    float* bandScratch = (float*)(((nint)(lists + (segments * PixelBitLists.SegmentBytes)) + 31) & ~(nint)31);
                    using (context.Stage("xnor-csa"))
                    {
                        var rows = new CarrySaveLayerBands(p, image, Options.BinaryPadding, lists, listCounts, sliced, laneSums, twiceWeights, laneAlphas, mean, k, bandScratch, scratchStride, y, z);
                        int groups = CarrySaveLayerBands.GroupsPerRow(p);
                        ParallelRowIterator.For(p.Batch * p.OutputHeight * groups, work / groups, context, 1, rows);
                    }

                    return;
                }

                if (reference)
                {
                    using (context.Stage("reference"))
                    {
                        var rows = new ReferenceLayerBands(p, Options.BinaryPadding, _signs, x, alphas, mean, k, y, z);
                        ParallelRowIterator.For(p.Batch * p.OutputHeight, work, context, 1, rows);
                    }

                    return;
                }

                using (context.Stage("xnor-popcount"))
                {
                    var rows = new PopcountLayerBands(p, image, Options.BinaryPadding, bits, filters, filterSums, alphas, mean, k, y, z);
                    ParallelRowIterator.For(p.Batch * p.OutputHeight, work, context, 1, rows);
                }
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

}
