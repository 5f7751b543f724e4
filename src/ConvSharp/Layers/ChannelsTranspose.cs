using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Layers;

/// <summary>
/// Channels-last to channels-first and back, per image: an image's P × C matrix (pixels × channels) transposed into its
/// C × P one, or the reverse. Eight source rows at a time in 8 × 8 register blocks (<see cref="LaneTranspose"/>), the
/// matrix's ragged edges element by element, the batch's row blocks split over threads. What a channels-last layer
/// pays around an algorithm that runs NCHW only.
/// </summary>
internal readonly unsafe struct ChannelsTranspose : IRowBandOperation
{
    private const int Block = 8;

    private readonly float* _source, _target;
    private readonly int _rows, _columns, _blocksPerImage;

    private ChannelsTranspose(float* source, float* target, int rows, int columns)
    {
        _source = source;
        _target = target;
        _rows = rows;
        _columns = columns;
        _blocksPerImage = (rows + Block - 1) / Block;
    }

    /// <summary>
    /// For each of <paramref name="batch"/> images, target[c·rows + r] = source[r·columns + c] over its
    /// <paramref name="rows"/> × <paramref name="columns"/> matrix (images one after another in both).
    /// </summary>
    public static void Run(ReadOnlySpan<float> source, Span<float> target, int batch, int rows, int columns, ExecutionContext context)
    {
        long total = (long)batch * rows * columns;
        if (source.Length < total) ThrowHelper.Argument(nameof(source), $"source holds {source.Length} floats; batch·rows·columns = {total}.");
        if (target.Length < total) ThrowHelper.Argument(nameof(target), $"target holds {target.Length} floats; batch·rows·columns = {total}.");
        fixed (float* s = source)
        fixed (float* t = target)
        {
            var operation = new ChannelsTranspose(s, t, rows, columns);
            ParallelRowIterator.For(batch * operation._blocksPerImage, (long)Block * columns, context, 1, operation);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        long image = (long)_rows * _columns;
        for (int item = start; item < end; item++)
        {
            int n = item / _blocksPerImage, r0 = (item % _blocksPerImage) * Block, height = Math.Min(Block, _rows - r0);
            float* source = _source + (n * image) + ((long)r0 * _columns), target = _target + (n * image) + r0;
            int c0 = 0;
            if (height == Block && Avx.IsSupported)
            {
                for (; c0 + Block <= _columns; c0 += Block) LaneTranspose.Block(source + c0, _columns, target + ((long)c0 * _rows), _rows, Block);
            }

            for (int r = 0; r < height; r++)
            {
                for (int c = c0; c < _columns; c++) target[((long)c * _rows) + r] = source[((long)r * _columns) + c];
            }
        }
    }
}
