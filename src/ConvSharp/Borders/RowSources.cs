using System;
using System.Runtime.CompilerServices;
using ConvSharp.Execution;

namespace ConvSharp.Borders;

/// <summary>
/// Where a row kernel's rows come from, with the border applied in the whole image's coordinates. A source row pointer
/// p is global-indexed: p[c] is column c of the whole image, whatever part of it the buffer holds.
/// </summary>
/// <remarks>
/// <para>Three sources, one code path, told apart by <see cref="ConvolutionData"/>'s fields:</para>
/// <list type="bullet">
/// <item><b>The input plane</b>: the buffer is the whole image (<see cref="ConvolutionData.InputRowOrigin"/> and
/// <see cref="ConvolutionData.InputColumnOrigin"/> are 0).</item>
/// <item><b>A tile with a halo</b>: the buffer holds a region of a larger image, starting at image row
/// <c>InputRowOrigin</c> and column <c>InputColumnOrigin</c>; <c>InputHeight</c> and <c>InputWidth</c> stay the whole
/// image's, so rows and columns outside the image are mapped where the image ends, not where the tile ends. The tile's
/// output origin goes into the anchor (<see cref="ConvolutionData.ForTile"/>). Every row and column the tile's outputs
/// read, after the border map, must lie in the buffer (<see cref="TileRegion.Required"/> computes it).</item>
/// <item><b>An intermediate buffer</b> (Separable's row pass output): rows of already row-filtered data for every
/// virtual row a strip reads, so the column pass reads plain rows and no border is left to apply.</item>
/// </list>
/// <para>Constant rows come from the fill row, which is as wide as the image and global-indexed like any source row.</para>
/// </remarks>
internal static unsafe class RowSources
{
    /// <summary>The row that virtual image row <paramref name="virtualRow"/> reads, global-indexed, or the fill row for Constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float* Row(in ConvolutionData d, long virtualRow)
    {
        int row = BorderIndex.Map(virtualRow, d.InputHeight, d.BorderMode);
        return row < 0 ? d.FillRow : d.Input + ((long)(row - d.InputRowOrigin) * d.InputPitch) - d.InputColumnOrigin;
    }

    /// <summary>
    /// Fills <paramref name="count"/> edge buffers of <paramref name="length"/> samples, one per source row, starting at the
    /// image column output column <paramref name="firstOutput"/> reads first, and points <paramref name="rows"/> at them so
    /// that rows[t][x·sx + j·dx] is the bordered sample the kernel's tap (t, j) reads for output column x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FillEdgeRows(in ConvolutionData d, float** sources, int count, int firstOutput, int length, float* buffers, float** rows) =>
        FillEdgeRing(in d, sources, count, 0, long.MinValue, firstOutput, length, buffers, rows);

    /// <summary>
    /// <see cref="FillEdgeRows"/> over a ring: the <paramref name="count"/> source rows are virtual rows
    /// <paramref name="top"/> .. top + count − 1, each kept in buffer (row mod count), and only rows at or past
    /// <paramref name="filledUpTo"/> are filled. A band whose blocks slide down by a few rows fills each row's edge buffer
    /// once instead of once per block that reads it (kh + B − 1 rows per block of B rows).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillEdgeRing(in ConvolutionData d, float** sources, int count, long top, long filledUpTo, int firstOutput, int length, float* buffers, float** rows)
    {
        long firstColumn = (long)firstOutput * d.StrideX;
        for (int t = 0; t < count; t++)
        {
            long row = top + t;
            float* buffer = buffers + ((((row % count) + count) % count) * length);
            if (row >= filledUpTo) FillColumns(in d, sources[t], firstColumn - d.AnchorX, length, buffer);
            rows[t] = buffer - firstColumn;
        }
    }

    /// <summary><c>dest[k]</c> = the bordered sample at image column <paramref name="firstColumn"/> + k of the global-indexed row <paramref name="source"/>: the in-range part is one block copy, only the overhang goes through the border map.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillColumns(in ConvolutionData d, float* source, long firstColumn, int length, float* dest)
    {
        int width = d.InputWidth;
        long copyStart = Math.Clamp(firstColumn, 0, width);
        long copyEnd = Math.Clamp(firstColumn + length, copyStart, width);
        // A range wholly left of the image ends before copyStart: stop at its own end.
        long leftEnd = Math.Min(copyStart, firstColumn + length);
        for (long c = firstColumn; c < leftEnd; c++) dest[c - firstColumn] = Bordered(in d, source, c);
        long copied = copyEnd - copyStart;
        if (copied > 0) Buffer.MemoryCopy(source + copyStart, dest + (copyStart - firstColumn), copied * sizeof(float), copied * sizeof(float));
        for (long c = Math.Max(copyEnd, firstColumn); c < firstColumn + length; c++) dest[c - firstColumn] = Bordered(in d, source, c);
    }

    /// <summary>The bordered sample at image column <paramref name="column"/> of the global-indexed row <paramref name="source"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Bordered(in ConvolutionData d, float* source, long column)
    {
        int mapped = BorderIndex.Map(column, d.InputWidth, d.BorderMode);
        return mapped < 0 ? d.FillValue : source[mapped];
    }
}
