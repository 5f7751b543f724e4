using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvSharp.GemmKernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the micro-kernel's order, so that its loads are sequential and every tile is
/// full: A's block as strips of MR rows stored column by column (kc × MR), B's panel as strips of NR columns stored row
/// by row (kc × NR). Strips that the matrix's edge cuts short are padded with zeros.
/// </summary>
/// <remarks>An element op(X)[i, j] is at x[i·rowStride + j·columnStride]: (ld, 1) as stored, (1, ld) transposed.</remarks>
internal static unsafe class GemmPacking
{
    /// <summary>Rows [i0, i0 + mc) and columns [p0, p0 + kc) of op(A) into <paramref name="packed"/>, strip after strip of <paramref name="mr"/> rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* a, long rowStride, long columnStride, int i0, int mc, int p0, int kc, int mr, float* packed)
    {
        for (int s = 0; s < mc; s += mr)
        {
            int rows = System.Math.Min(mr, mc - s);
            float* strip = packed + ((long)s * kc);
            for (int r = 0; r < rows; r++)
            {
                float* source = a + ((i0 + s + r) * rowStride) + (p0 * columnStride);
                float* target = strip + r;
                if (columnStride == 1)
                {
                    for (int p = 0; p < kc; p++) target[p * mr] = source[p];
                }
                else
                {
                    for (int p = 0; p < kc; p++) target[p * mr] = source[p * columnStride];
                }
            }

            for (int r = rows; r < mr; r++)
            {
                for (int p = 0; p < kc; p++) strip[(p * mr) + r] = 0f;
            }
        }
    }

    /// <summary>
    /// Strips [s0, s1) of <paramref name="nr"/> columns of op(B)'s panel, rows [p0, p0 + kc), columns [j0, j0 + nc), into
    /// <paramref name="packed"/> (strip s at s·kc·nr). Split by strips so that threads can pack one panel together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(float* b, long rowStride, long columnStride, int p0, int kc, int j0, int nc, int nr, int s0, int s1, float* packed)
    {
        for (int s = s0; s < s1; s++)
        {
            int first = s * nr, columns = System.Math.Min(nr, nc - first);
            float* strip = packed + ((long)first * kc);
            float* origin = b + (p0 * rowStride) + ((j0 + first) * columnStride);
            if (columnStride == 1 && columns == nr)
            {
                CopyRows(origin, rowStride, kc, nr, strip);
                continue;
            }

            for (int p = 0; p < kc; p++)
            {
                float* target = strip + ((long)p * nr);
                float* source = origin + (p * rowStride);
                for (int j = 0; j < columns; j++) target[j] = source[j * columnStride];
                for (int j = columns; j < nr; j++) target[j] = 0f;
            }
        }
    }

    /// <summary>
    /// All of columns [j0, j0 + nc) and rows [p0, p0 + kc) of a row-major B (column stride 1) into strips of
    /// <paramref name="nr"/> columns, strip s at s·<paramref name="stripPitch"/>; the last strip's missing columns are zeros.
    /// </summary>
    /// <remarks>
    /// Row by row across the strips, so each row of B is read as one run of contiguous lines (one page, where a strip at a
    /// time reads one line of every row per strip and crosses as many pages each time). A pitch one line above a multiple
    /// of 4 KiB keeps the strips' write streams out of each other's L1 sets (kc·nr at kc = 256 is 16 KiB).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackBRows(float* b, long rowStride, int p0, int kc, int j0, int nc, int nr, long stripPitch, float* packed)
    {
        int whole = nc / nr, tail = nc - (whole * nr);
        float* source = b + (p0 * rowStride) + j0;
        bool vectors = Vector256.IsHardwareAccelerated && nr % Vector256<float>.Count == 0;
        for (int p = 0; p < kc; p++, source += rowStride)
        {
            float* from = source, to = packed + ((long)p * nr);
            for (int s = 0; s < whole; s++, from += nr, to += stripPitch)
            {
                if (vectors)
                {
                    for (int j = 0; j < nr; j += Vector256<float>.Count) Vector256.Store(Vector256.Load(from + j), to + j);
                }
                else
                {
                    for (int j = 0; j < nr; j++) to[j] = from[j];
                }
            }

            if (tail > 0)
            {
                for (int j = 0; j < tail; j++) to[j] = from[j];
                for (int j = tail; j < nr; j++) to[j] = 0f;
            }
        }
    }

    /// <summary>The strip pitch <see cref="PackBRows"/> uses for a depth of <paramref name="kc"/>: kc·nr plus one 64-byte line.</summary>
    public static long RowPackPitch(int kc, int nr) => ((long)kc * nr) + LineFloats;

    private const int LineFloats = 16;

    // Row p of the strip is nr contiguous floats of B's row p: whole-vector copies. Fully optimised at once: a benchmark's
    // first tenth of a second would otherwise run the copy as first-tier code, a call per vector load.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRows(float* source, long rowStride, int kc, int nr, float* target)
    {
        if (Vector256.IsHardwareAccelerated && nr % Vector256<float>.Count == 0)
        {
            for (int p = 0; p < kc; p++, source += rowStride, target += nr)
            {
                for (int j = 0; j < nr; j += Vector256<float>.Count) Vector256.Store(Vector256.Load(source + j), target + j);
            }

            return;
        }

        for (int p = 0; p < kc; p++, source += rowStride, target += nr)
        {
            for (int j = 0; j < nr; j++) target[j] = source[j];
        }
    }
}
