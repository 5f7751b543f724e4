using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ConvSharp.Execution;
using ConvSharp.Layers;
using ConvSharp.Simd;

namespace ConvSharp.Binary;

/// <summary>
/// <c>xnor-csa</c>'s output rows. For each output pixel it gathers the set bits of its window (tap, channel) from the
/// input pixels' lists (<see cref="PixelBitLists"/>), then adds up, for 256 filters at once, the vectors of those filters'
/// bits at the listed positions with <see cref="CarrySaveCounters"/>: S1_o = Σ over the window's +1 inputs of f_o's bits.
/// With P the window's +1 inputs, T_o the filter's +1 weights over the counted taps and n the counted bits, the agreements
/// are 2·S1 + (n − P) − T, so count = 4·S1 − 2·P − 2·T + n.
/// </summary>
/// <remarks>
/// Where <see cref="XnorPopcountKernel"/> spends eight instructions on every (pixel, filter, 256 channels), this spends about
/// six bit operations on every set input bit for 256 filters: half the bits of a window, and no shuffle or shift. The
/// filters' vectors are laid out per channel word ([block][word][tap × 64 + bit]), and a group of eight pixels runs word by
/// word with its running sums kept in memory, so the vectors one word selects from (18 KiB for 3 × 3) stay in L1.
/// </remarks>
internal readonly unsafe struct CarrySaveLayerBands(
    Conv2DLayerProblem p, ChannelBitImage image, BinaryPadding padding, byte* lists, int* listCounts, ulong* sliced, int* laneSums, int* twiceWeights, float* alphas, float* mean, float* k,
    float* scratch, long scratchStride, float* output, int* counts) : IRowBandOperation
{
    /// <summary>Filters per block: the lanes of a 256-bit vector.</summary>
    public const int Lanes = 256;

    /// <summary>Pixels that run together: their outputs go out by 8 × 8 transposes, eight pixels of eight filters at a time.</summary>
    public const int Group = 8;

    /// <summary>Items per output row: its groups of <see cref="Group"/> pixels, so two threads share a 14-row image evenly.</summary>
    public static int GroupsPerRow(Conv2DLayerProblem p) => (p.OutputWidth + Group - 1) / Group;

    /// <summary>Vectors of one (block, word) segment of the filters: one per (tap, bit), then a zero vector.</summary>
    public static int SegmentVectors(Conv2DLayerProblem p) => (p.KernelHeight * p.KernelWidth * 64) + 1;

    /// <summary>Floats of a band's scratch: the gathered list, the group's running sums and the staged outputs.</summary>
    public static long ScratchFloats(Conv2DLayerProblem p) =>
        ListInts(p) + (Group * 8L * CarrySaveCounters.StateVectors(Width(p))) + ((long)Group * Lanes * Blocks(p));

    private static long ListInts(Conv2DLayerProblem p) => (p.KernelHeight * p.KernelWidth * 64) + 64 + 32;

    private static int Width(Conv2DLayerProblem p) => CarrySaveCounters.LevelsFor(p.KernelHeight * p.KernelWidth * p.InputChannels);

    private static int Blocks(Conv2DLayerProblem p) => (p.OutputChannels + Lanes - 1) / Lanes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        int words = image.Words, taps = p.KernelHeight * p.KernelWidth, outputs = p.OutputChannels, width = Width(p), blocks = Blocks(p), segment = SegmentVectors(p);
        int zero = (segment - 1) * 32, stateVectors = CarrySaveCounters.StateVectors(width);
        int* list = (int*)(scratch + (band * scratchStride));
        var states = (Vector256<ulong>*)(list + ListInts(p));
        float* stage = (float*)(states + (Group * stateVectors));
        long* tapPixels = stackalloc long[taps];
        for (int t = 0; t < taps; t++) tapPixels[t] = ((long)(t / p.KernelWidth) * p.Dilation.Y * image.Width) + ((long)(t % p.KernelWidth) * p.Dilation.X);
        int* sums = stackalloc int[Lanes];
        int* border = stackalloc int[Lanes];
        int* positives = stackalloc int[Group];
        int groupsPerRow = GroupsPerRow(p);
        for (int item = start; item < end; item++)
        {
            int row = item / groupsPerRow, x0 = item % groupsPerRow * Group, n = row / p.OutputHeight, y = row % p.OutputHeight;
            int group = Math.Min(Group, p.OutputWidth - x0);
            float* kRow = k + ((long)row * p.OutputWidth);
            if (output != null) BinaryLayerRows.WindowMeans(p, mean, n, y, kRow, x0, x0 + group);
            long rowPixel = ((long)n * image.Height * image.Width) + ((long)y * p.Stride.Y * image.Width);
            var (rowFirst, rowEnd) = BinaryLayerRows.Inside((long)y * p.Stride.Y, p.Dilation.Y, p.KernelHeight, p.Padding.Top, p.InputHeight);
            for (int block = 0; block < blocks; block++)
            {
                for (int g = 0; g < group; g++) CarrySaveCounters.Clear(states + (g * stateVectors), width);
                for (int w = 0; w < words; w++)
                {
                    ulong* vectors = sliced + ((((long)block * words) + w) * segment * 4);
                    for (int g = 0; g < group; g++)
                    {
                        long origin = rowPixel + ((long)(x0 + g) * p.Stride.X);
                        int count = Gather(origin, tapPixels, taps, w, words, list);
                        if (block == 0) positives[g] = (w == 0 ? 0 : positives[g]) + count;
                        int padded = (count + 31) & ~31;
                        Pad(list + count, zero);
                        CarrySaveCounters.Add(vectors, list, padded, states + (g * stateVectors), width);
                    }
                }

                for (int g = 0; g < group; g++)
                {
                    int x = x0 + g;
                    var (columnFirst, columnEnd) = BinaryLayerRows.Inside((long)x * p.Stride.X, p.Dilation.X, p.KernelWidth, p.Padding.Left, p.InputWidth);
                    int used = padding == BinaryPadding.Zero ? (rowEnd - rowFirst) * (columnEnd - columnFirst) : taps;

                    // T counts real channels only; the prefix sums hold the filter's bits past C too (one per tap and missing channel).
                    int constant = (-2 * positives[g]) + (2 * ((64 * words) - p.InputChannels) * used) + (used * p.InputChannels);
                    CarrySaveCounters.Unslice(CarrySaveCounters.Finish(states + (g * stateVectors), width), width, sums);
                    int first = block * Lanes;
                    int* twice = used == taps ? twiceWeights + first : BorderWeights(laneSums + first, rowFirst, rowEnd, columnFirst, columnEnd, border);
                    Finish(sums, twice, first, constant, output != null ? kRow[x] : 0, stage + ((((long)block * Group) + g) * Lanes));
                }
            }

            long at = ((long)n * outputs * p.OutputHeight * p.OutputWidth) + ((long)y * p.OutputWidth) + x0;
            WriteGroup(stage, group, blocks, output != null ? output + at : (float*)(counts + at));
        }
    }

    /// <summary>
    /// Fills the 32 places from <paramref name="at"/> with the zero vector's offset, whatever part of them the padding
    /// needs: four stores instead of a loop whose exit depends on the count (the list has the slack).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pad(int* at, int zero)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var z = Vector256.Create(zero);
            z.Store(at);
            z.Store(at + 8);
            z.Store(at + 16);
            z.Store(at + 24);
            return;
        }

        for (int i = 0; i < 32; i++) at[i] = zero;
    }

    /// <summary>
    /// The window's set bits in channel word <paramref name="w"/>, tap after tap, as byte offsets into the (block, word)
    /// segment of the filters: each input pixel's positions × 32 bytes, past its tap's 64 vectors. Returns their number.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Gather(long origin, long* tapPixels, int taps, int w, int words, int* list)
    {
        int count = 0;
        for (int t = 0; t < taps; t++)
        {
            long at = ((origin + tapPixels[t]) * words) + w;
            byte* source = lists + (at * PixelBitLists.SegmentBytes);
            int length = listCounts[at], shift = t * 64 * 32;
            if (Avx2.IsSupported)
            {
                // The first 40 places whatever the length (a word has more than 40 set bits 2 % of the time, so the loop
                // that follows rarely runs and its exit is predicted); the list has the slack, and the places past the
                // length are overwritten by the next tap's or by the padding.
                var add = Vector256.Create(shift);
                int* to = list + count;
                ((Avx2.ConvertToVector256Int32(source) << 5) + add).Store(to);
                ((Avx2.ConvertToVector256Int32(source + 8) << 5) + add).Store(to + 8);
                ((Avx2.ConvertToVector256Int32(source + 16) << 5) + add).Store(to + 16);
                ((Avx2.ConvertToVector256Int32(source + 24) << 5) + add).Store(to + 24);
                ((Avx2.ConvertToVector256Int32(source + 32) << 5) + add).Store(to + 32);
                for (int i = 40; i < length; i += 8) ((Avx2.ConvertToVector256Int32(source + i) << 5) + add).Store(to + i);
            }
            else
            {
                for (int i = 0; i < length; i++) list[count + i] = (source[i] << 5) + shift;
            }

            count += length;
        }

        return count;
    }

    /// <summary>
    /// One pixel's lanes of a block: value = 4·S1 − <paramref name="twice"/> (2 × the filter's set bits over the counted taps)
    /// + constant, scaled by K·α unless counting. The lanes past O read zeros (weights and α are padded to the block).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Finish(int* sums, int* twice, int first, int constant, float scale, float* target)
    {
        float* alpha = alphas + first;
        if (Vector256.IsHardwareAccelerated)
        {
            var c = Vector256.Create(constant);
            var k = Vector256.Create(scale);
            for (int j = 0; j < Lanes; j += 8)
            {
                var value = (Vector256.Load(sums + j) << 2) - Vector256.Load(twice + j) + c;
                if (output != null) (Vector256.ConvertToSingle(value) * (k * Vector256.Load(alpha + j))).Store(target + j);
                else value.Store((int*)target + j);
            }

            return;
        }

        for (int j = 0; j < Lanes; j++)
        {
            int value = (4 * sums[j]) - twice[j] + constant;
            if (output != null) target[j] = value * (scale * alpha[j]);
            else ((int*)target)[j] = value;
        }
    }

    /// <summary>
    /// 2 × each lane's set filter bits over the taps [rowFirst, rowEnd) × [columnFirst, columnEnd) that count at a border
    /// pixel, into <paramref name="target"/>, from the lane-major prefix sums (entry (i, j) of every lane <see cref="Lanes"/> · blocks apart).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int* BorderWeights(int* sums, int rowFirst, int rowEnd, int columnFirst, int columnEnd, int* target)
    {
        if (rowEnd <= rowFirst || columnEnd <= columnFirst)
        {
            new Span<int>(target, Lanes).Clear();
            return target;
        }

        long entry = (long)Lanes * ((p.OutputChannels + Lanes - 1) / Lanes), stride = p.KernelWidth + 1;
        int* a = sums + (((rowEnd * stride) + columnEnd) * entry), b = sums + (((rowFirst * stride) + columnEnd) * entry);
        int* c = sums + (((rowEnd * stride) + columnFirst) * entry), d = sums + (((rowFirst * stride) + columnFirst) * entry);
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j < Lanes; j += 8) ((Vector256.Load(a + j) - Vector256.Load(b + j) - Vector256.Load(c + j) + Vector256.Load(d + j)) << 1).Store(target + j);
        }

        for (; j < Lanes; j++) target[j] = 2 * (a[j] - b[j] - c[j] + d[j]);
        return target;
    }

    /// <summary>
    /// The staged group (per block, pixel-major rows of 256 lanes) into the NCHW planes at <paramref name="target"/>: 8 × 8
    /// transposes where eight pixels and eight filters are whole, element by element elsewhere. Floats or ints alike: only moved.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteGroup(float* stage, int group, int blocks, float* target)
    {
        long plane = (long)p.OutputHeight * p.OutputWidth;
        for (int block = 0; block < blocks; block++)
        {
            int first = block * Lanes, lanes = Math.Min(p.OutputChannels - first, Lanes);
            float* rows = stage + ((long)block * Group * Lanes);
            int j = 0;
            if (group == Group)
            {
                for (; j + 8 <= lanes; j += 8) LaneTranspose.Block(rows + j, Lanes, target + ((first + j) * plane), plane, 8);
            }

            for (; j < lanes; j++)
            {
                for (int g = 0; g < group; g++) target[((first + j) * plane) + g] = rows[(g * Lanes) + j];
            }
        }
    }
}
