using System;
using System.Runtime.Intrinsics;
using ConvSharp.Execution;
using ConvSharp.Layers;
using ConvSharp.Simd;

namespace ConvSharp.Binary;

/// <summary>
/// <c>xnor-csa</c>'s output rows. For each output pixel it lists the set bits of its window in the padded bit image (tap,
/// channel), then adds up, for 256 filters at once, the vectors of those filters' bits at the listed positions with
/// <see cref="CarrySaveCounters"/>: S1_o = Σ over the window's +1 inputs of f_o's bits. With P the window's +1 inputs,
/// T_o the filter's +1 weights over the counted taps and n the counted bits, the agreements are 2·S1 + (n − P) − T, so
/// count = 4·S1 − 2·P − 2·T + n.
/// </summary>
/// <remarks>
/// Where <see cref="XnorPopcountKernel"/> spends eight instructions on every (pixel, filter, 256 channels), this spends about
/// six bit operations on every set input bit for 256 filters: half the bits of a window, and no shuffle or shift.
/// </remarks>
internal readonly unsafe struct CarrySaveLayerBands(
    Conv2DLayerProblem p, ChannelBitImage image, BinaryPadding padding, ulong* bits, ulong* sliced, int* laneSums, int* twiceWeights, float* alphas, float* mean, float* k,
    int* lists, long listStride, float* output, int* counts) : IRowBandOperation
{
    /// <summary>Filters per block: the lanes of a 256-bit vector.</summary>
    public const int Lanes = 256;

    /// <summary>Slots of a block's filter vectors: one per (tap, channel bit), the zero vector after them.</summary>
    public static int Slots(Conv2DLayerProblem p, int words) => p.KernelHeight * p.KernelWidth * 64 * words;

    /// <summary>Ints per band's list: every slot, the padding to 32 and the store slack.</summary>
    public static long ListInts(Conv2DLayerProblem p, int words) => Slots(p, words) + 32 + SetBitList.Slack;

    /// <summary>Pixels staged before their outputs go out: one 8 × 8 transpose per eight filters writes eight pixels of each.</summary>
    public const int Group = 8;

    /// <summary>Floats per band's staging: a group of pixels for every block of filters.</summary>
    public static long StageFloats(Conv2DLayerProblem p) => (long)Group * Lanes * ((p.OutputChannels + Lanes - 1) / Lanes);

    public void Invoke(int band, int start, int end)
    {
        int words = image.Words, taps = p.KernelHeight * p.KernelWidth, slots = Slots(p, words), outputs = p.OutputChannels;
        int width = CarrySaveCounters.LevelsFor(taps * p.InputChannels), blocks = (outputs + Lanes - 1) / Lanes;
        long blockWords = ((long)slots + 1) * 4;
        int* list = lists + (band * listStride);
        float* stage = (float*)(list + ListInts(p, words));
        long* tapOffsets = stackalloc long[taps];
        for (int t = 0; t < taps; t++) tapOffsets[t] = image.Offset((long)(t / p.KernelWidth) * p.Dilation.Y, (long)(t % p.KernelWidth) * p.Dilation.X);
        int* sums = stackalloc int[Lanes];
        int* border = stackalloc int[Lanes];
        Vector256<ulong>* levels = stackalloc Vector256<ulong>[16];
        for (int item = start; item < end; item++)
        {
            int n = item / p.OutputHeight, y = item % p.OutputHeight;
            float* kRow = k + ((long)item * p.OutputWidth);
            if (output != null) BinaryLayerRows.WindowMeans(p, mean, n, y, kRow);
            ulong* rowBits = bits + (n * image.ImageWords) + image.Offset((long)y * p.Stride.Y, 0);
            var (rowFirst, rowEnd) = BinaryLayerRows.Inside((long)y * p.Stride.Y, p.Dilation.Y, p.KernelHeight, p.Padding.Top, p.InputHeight);
            for (int x0 = 0; x0 < p.OutputWidth; x0 += Group)
            {
                int group = Math.Min(Group, p.OutputWidth - x0);
                for (int g = 0; g < group; g++)
                {
                    int x = x0 + g, count = 0;
                    ulong* origin = rowBits + image.Offset(0, (long)x * p.Stride.X);
                    for (int t = 0; t < taps; t++)
                    {
                        ulong* pixel = origin + tapOffsets[t];
                        for (int w = 0; w < words; w++) count = SetBitList.Append(pixel[w], (t * 64 * words) + (64 * w), list, count);
                    }

                    int positives = count, padded = (count + 31) & ~31;
                    for (int i = count; i < padded; i++) list[i] = slots << 5;
                    var (columnFirst, columnEnd) = BinaryLayerRows.Inside((long)x * p.Stride.X, p.Dilation.X, p.KernelWidth, p.Padding.Left, p.InputWidth);
                    int used = padding == BinaryPadding.Zero ? (rowEnd - rowFirst) * (columnEnd - columnFirst) : taps;

                    // T counts real channels only; the prefix sums hold the filter's bits past C too (one per tap and missing channel).
                    int constant = (-2 * positives) + (2 * ((64 * words) - p.InputChannels) * used) + (used * p.InputChannels);
                    for (int block = 0; block < blocks; block++)
                    {
                        CarrySaveCounters.Sum(sliced + (block * blockWords), list, padded, levels, width);
                        CarrySaveCounters.Unslice(levels, width, sums);
                        int first = block * Lanes, lanes = Math.Min(outputs - first, Lanes);
                        float* target = stage + ((((long)block * Group) + g) * Lanes);
                        float scale = output != null ? kRow[x] : 0;
                        int* twice = used == taps ? twiceWeights + first : BorderWeights(laneSums + first, rowFirst, rowEnd, columnFirst, columnEnd, border);
                        Finish(sums, twice, first, constant, scale, target);
                    }
                }

                long at = ((long)n * outputs * p.OutputHeight * p.OutputWidth) + ((long)y * p.OutputWidth) + x0;
                WriteGroup(stage, group, blocks, output != null ? output + at : (float*)(counts + at));
            }
        }
    }

    /// <summary>
    /// One pixel's lanes of a block: value = 4·S1 − <paramref name="twice"/> (2 × the filter's set bits over the counted taps)
    /// + constant, scaled by K·α unless counting. The lanes past O read zeros (weights and α are padded to the block).
    /// </summary>
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
