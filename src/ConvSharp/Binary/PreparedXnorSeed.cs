using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using ConvSharp.Algorithms.Im2ColGemm;
using ConvSharp.Execution;

namespace ConvSharp.Binary;

/// <summary>
/// <see cref="XnorSeed"/> with one kernel: its bits repeated into a packed word (or words), and α. A call runs the
/// pipeline on segments of output rows, each stage in parallel over the segment's rows and timed by name (the
/// notebook's table: im2col, binarize, k-alpha, bitpack, xnor, bitunpack, scale). Each output row's windows start a
/// new packed word, so rows pack in parallel without sharing words.
/// </summary>
internal sealed unsafe class PreparedXnorSeed : PreparedBinaryConvolution
{
    private readonly BitpackLayout _layout;
    private readonly ulong[] _pattern;
    private readonly int _wordsPerRow;

    public PreparedXnorSeed(BinaryConv2DProblem problem, BinaryAlgorithm algorithm, BinaryKernel kernel)
        : base(problem, algorithm, kernel)
    {
        _layout = new BitpackLayout(problem.Taps);
        _pattern = _layout.Pattern(kernel.Signs);
        _wordsPerRow = (int)_layout.Words(problem.Geometry.OutputWidth);
    }

    private protected override void CountsCore(ReadOnlyPlane2D input, Span<int> counts, ExecutionContext context)
    {
        fixed (int* target = counts) Run(input, target, null, 0, context);
    }

    private protected override void ExecuteCore(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context)
    {
        fixed (float* target = output.Data) Run(input, null, target, output.Pitch, context);
    }

    private void Run(ReadOnlyPlane2D input, int* counts, float* output, int outputPitch, ExecutionContext context)
    {
        var g = Problem.Geometry;
        int taps = Problem.Taps, width = g.OutputWidth;
        int segmentRows = BinaryIm2Col.SegmentRows(Problem);
        long windows = (long)segmentRows * width, words = (long)segmentRows * _wordsPerRow;
        var buffers = new SeedBuffers(windows, taps, words, g.InputWidth);
        float[] workspace = context.Workspace.Rent(buffers.Floats);
        try
        {
            fixed (float* scratch = workspace)
            fixed (float* inputPtr = input.Data)
            fixed (ulong* pattern = _pattern)
            {
                var data = BinaryIm2Col.Source(Problem, inputPtr, input.Pitch, buffers.Fill(scratch));
                var state = new SeedState(this, data, buffers, scratch, pattern, counts, output, outputPitch);
                for (int y0 = 0; y0 < g.OutputHeight; y0 += segmentRows)
                {
                    int rows = Math.Min(segmentRows, g.OutputHeight - y0);
                    long work = (long)taps * width;
                    Stage(context, "im2col", rows, work, state, y0, SeedStep.Im2Col);
                    Stage(context, "binarize", rows, work, state, y0, SeedStep.Binarize);
                    if (output != null) Stage(context, "k-alpha", rows, work, state, y0, SeedStep.K);
                    Stage(context, "bitpack", rows, work, state, y0, SeedStep.Bitpack);
                    Stage(context, "xnor", rows, _wordsPerRow, state, y0, SeedStep.Xnor);
                    Stage(context, "bitunpack", rows, work, state, y0, SeedStep.Unpack);
                    if (output != null) Stage(context, "scale", rows, width, state, y0, SeedStep.Scale);
                }
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    private static void Stage(ExecutionContext context, string name, int rows, long work, SeedState state, int y0, SeedStep step)
    {
        using (context.Stage(name))
        {
            ParallelRowIterator.For(rows, work, context, 1, new SeedBands(state, y0, step));
        }
    }

    private enum SeedStep
    {
        Im2Col,
        Binarize,
        K,
        Bitpack,
        Xnor,
        Unpack,
        Scale,
    }

    /// <summary>The segment's buffers, carved from one workspace array: panel, K and the fill row as floats, then bytes and words.</summary>
    private readonly struct SeedBuffers(long windows, int taps, long words, int inputWidth)
    {
        public long Windows => windows;

        public long Floats => (windows * taps) + windows + inputWidth + (2 * windows * taps / 4) + 4 + (3 * words * 2) + windows + 8;

        public static float* Panel(float* s) => s;

        public float* K(float* s) => s + (windows * taps);

        public float* Fill(float* s) => K(s) + windows;

        public byte* Bits(float* s) => (byte*)(Fill(s) + inputWidth);

        public byte* Valid(float* s) => Bits(s) + (windows * taps);

        public ulong* Packed(float* s) => (ulong*)(((long)(Valid(s) + (windows * taps)) + 7) & ~7L);

        public ulong* PackedValid(float* s) => Packed(s) + words;

        public ulong* Xnor(float* s) => PackedValid(s) + words;

        public int* Counts(float* s) => (int*)(Xnor(s) + words);
    }

    private readonly struct SeedState(PreparedXnorSeed owner, ConvolutionData data, SeedBuffers buffers, float* scratch, ulong* pattern, int* counts, float* output, int outputPitch)
    {
        public PreparedXnorSeed Owner => owner;

        public ConvolutionData Data => data;

        public SeedBuffers Buffers => buffers;

        public float* Scratch => scratch;

        public ulong* Pattern => pattern;

        public int* Counts => counts;

        public float* Output => output;

        public int OutputPitch => outputPitch;
    }

    /// <summary>One stage over rows [start, end) of the segment starting at output row <paramref name="y0"/>.</summary>
    private readonly struct SeedBands(SeedState state, int y0, SeedStep step) : IRowBandOperation
    {
        public void Invoke(int band, int start, int end)
        {
            var owner = state.Owner;
            var p = owner.Problem;
            var g = p.Geometry;
            var b = state.Buffers;
            float* s = state.Scratch;
            int taps = p.Taps, width = g.OutputWidth, wordsPerRow = owner._wordsPerRow;
            var layout = owner._layout;
            for (int r = start; r < end; r++)
            {
                int y = y0 + r;
                long first = (long)r * width;
                switch (step)
                {
                    case SeedStep.Im2Col:
                        var d = state.Data;
                        Im2Col.FillPanel(in d, y, 1, 0, width, SeedBuffers.Panel(s) + first, b.Windows);
                        break;
                    case SeedStep.Binarize:
                        Binarize(p, y, SeedBuffers.Panel(s) + first, b.Windows, b.Bits(s) + first, b.Valid(s) + first);
                        break;
                    case SeedStep.K:
                        WindowMeans.Vectorised(SeedBuffers.Panel(s) + first, b.Windows, taps, width, b.K(s) + first);
                        break;
                    case SeedStep.Bitpack:
                        layout.PackTapMajor(b.Bits(s) + first, b.Windows, width, b.Packed(s) + ((long)r * wordsPerRow));
                        if (p.Padding == BinaryPadding.Zero) layout.PackTapMajor(b.Valid(s) + first, b.Windows, width, b.PackedValid(s) + ((long)r * wordsPerRow));
                        break;
                    case SeedStep.Xnor:
                        ulong* source = b.Packed(s) + ((long)r * wordsPerRow), target = b.Xnor(s) + ((long)r * wordsPerRow);
                        int parts = layout.WordsPerWindow;
                        for (int w = 0; w < wordsPerRow; w++) target[w] = ~(source[w] ^ state.Pattern[w % parts]);
                        break;
                    case SeedStep.Unpack:
                        Unpack(p, layout, b.Xnor(s) + ((long)r * wordsPerRow), b.PackedValid(s) + ((long)r * wordsPerRow), width, state.Counts != null ? state.Counts + ((long)y * width) : b.Counts(s) + first);
                        break;
                    case SeedStep.Scale:
                        float alpha = (float)owner.Alpha;
                        int* counts = b.Counts(s) + first;
                        float* kRow = b.K(s) + first, row = state.Output + ((long)y * state.OutputPitch);
                        for (int x = 0; x < width; x++) row[x] = counts[x] * kRow[x] * alpha;
                        break;
                }
            }
        }

        /// <summary>
        /// A byte per tap, tap-major like the panel (row t at t·<paramref name="ld"/>): 1 for x &gt; 0; taps outside the
        /// image read the padding's sign, and for Zero are marked not valid.
        /// </summary>
        private static void Binarize(BinaryConv2DProblem p, int y, float* panel, long ld, byte* bits, byte* valid)
        {
            var g = p.Geometry;
            int width = g.OutputWidth;
            byte outside = p.Padding == BinaryPadding.PlusOne ? (byte)1 : (byte)0, outsideValid = p.Padding == BinaryPadding.Zero ? (byte)0 : (byte)1;
            for (int i = 0; i < g.KernelHeight; i++)
            {
                long row = ((long)y * g.Stride.Y) + ((long)i * g.Dilation.Y) - g.Anchor.Y;
                bool rowInside = row >= 0 && row < g.InputHeight;
                for (int j = 0; j < g.KernelWidth; j++)
                {
                    int t = (i * g.KernelWidth) + j;
                    float* tap = panel + (t * ld);
                    byte* tapBits = bits + (t * ld), tapValid = valid + (t * ld);

                    // The outputs whose tap (i, j) lands inside the image: x·sx + j·dx − ax in [0, W).
                    long offset = ((long)j * g.Dilation.X) - g.Anchor.X, last = g.InputWidth - 1 - offset;
                    int low = rowInside ? (int)Math.Clamp(offset >= 0 ? 0 : (-offset + g.Stride.X - 1) / g.Stride.X, 0, width) : width;
                    int high = rowInside && last >= 0 ? (int)Math.Clamp((last / g.Stride.X) + 1, low, width) : low;
                    new Span<byte>(tapBits, low).Fill(outside);
                    new Span<byte>(tapBits + high, width - high).Fill(outside);
                    new Span<byte>(tapValid, width).Fill(outsideValid);
                    new Span<byte>(tapValid + low, high - low).Fill(1);
                    int x = low;
                    if (Vector256.IsHardwareAccelerated)
                    {
                        for (; x + 8 <= high; x += 8)
                        {
                            var ones = Vector256.GreaterThan(Vector256.Load(tap + x), Vector256<float>.Zero).AsInt32() & Vector256<int>.One;
                            var shorts = Vector256.Narrow(ones, ones);
                            *(ulong*)(tapBits + x) = Vector256.Narrow(shorts, shorts).AsUInt64().GetElement(0);
                        }
                    }

                    for (; x < high; x++) tapBits[x] = tap[x] > 0 ? (byte)1 : (byte)0;
                }
            }
        }

        /// <summary>Each window's count from its slot of the XNOR words: 2·popcount(agreements that count) − n.</summary>
        private static void Unpack(BinaryConv2DProblem p, BitpackLayout layout, ulong* xnor, ulong* valid, int width, int* counts)
        {
            bool zero = p.Padding == BinaryPadding.Zero;
            for (int x = 0; x < width; x++)
            {
                int agree = 0, n = 0;
                for (int part = 0; part < layout.WordsPerWindow; part++)
                {
                    var (word, _) = layout.Place(x, part * 64);
                    ulong mask = layout.SlotMask((int)(x % layout.WindowsPerWord), part);
                    ulong counted = zero ? valid[word] & mask : mask;
                    agree += BitOperations.PopCount(xnor[word] & counted);
                    n += BitOperations.PopCount(counted);
                }

                counts[x] = (2 * agree) - n;
            }
        }
    }
}
