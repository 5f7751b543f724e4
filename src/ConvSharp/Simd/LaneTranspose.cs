using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvSharp.Simd;

/// <summary>
/// Moves data between rows (one per lane: a channel's row of pixels) and lane-interleaved form (pixel-major, the lanes of
/// one pixel contiguous), in square blocks: 8 × 8 with AVX's unpack, shuffle and lane-permute (the classic 24-shuffle
/// transpose), 16 × 16 as four of those, 4 × 4 with SSE, and a plain loop where none applies.
/// </summary>
internal static unsafe class LaneTranspose
{
    /// <summary>
    /// interleaved[x·lanes + l] = rows[l·<paramref name="rowStride"/> + x] for l &lt; <paramref name="lanes"/> and
    /// x &lt; <paramref name="width"/>; <paramref name="width"/> must be a multiple of <paramref name="lanes"/>.
    /// </summary>
    public static void Interleave(float* rows, long rowStride, float* interleaved, int width, int lanes)
    {
        for (int x = 0; x < width; x += lanes) Block(rows + x, rowStride, interleaved + ((long)x * lanes), lanes, lanes);
    }

    /// <summary>rows[l·<paramref name="rowStride"/> + x] = interleaved[x·lanes + l]: the inverse of <see cref="Interleave"/>.</summary>
    public static void Deinterleave(float* interleaved, float* rows, long rowStride, int width, int lanes)
    {
        for (int x = 0; x < width; x += lanes) Block(interleaved + ((long)x * lanes), lanes, rows + x, rowStride, lanes);
    }

    /// <summary>
    /// One <paramref name="n"/> × <paramref name="n"/> block (n = lanes): target[c·targetStride + r] = source[r·sourceStride + c].
    /// With (rowStride, n) as the strides it interleaves n rows; with (n, rowStride) it de-interleaves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block(float* source, long sourceStride, float* target, long targetStride, int n)
    {
        if (n == 8 && Avx.IsSupported)
        {
            Block8(source, sourceStride, target, targetStride);
        }
        else if (n == 16 && Avx.IsSupported)
        {
            Block8(source, sourceStride, target, targetStride);
            Block8(source + 8, sourceStride, target + (8 * targetStride), targetStride);
            Block8(source + (8 * sourceStride), sourceStride, target + 8, targetStride);
            Block8(source + (8 * sourceStride) + 8, sourceStride, target + (8 * targetStride) + 8, targetStride);
        }
        else if (n == 4 && Sse.IsSupported)
        {
            Block4(source, sourceStride, target, targetStride);
        }
        else
        {
            for (int r = 0; r < n; r++)
            {
                for (int c = 0; c < n; c++) target[(c * targetStride) + r] = source[(r * sourceStride) + c];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8(float* s, long ss, float* t, long ts)
    {
        Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + ss), r2 = Avx.LoadVector256(s + (2 * ss)), r3 = Avx.LoadVector256(s + (3 * ss));
        Vector256<float> r4 = Avx.LoadVector256(s + (4 * ss)), r5 = Avx.LoadVector256(s + (5 * ss)), r6 = Avx.LoadVector256(s + (6 * ss)), r7 = Avx.LoadVector256(s + (7 * ss));
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(t, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(t + ts, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(t + (2 * ts), Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(t + (3 * ts), Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(t + (4 * ts), Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(t + (5 * ts), Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(t + (6 * ts), Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(t + (7 * ts), Avx.Permute2x128(u3, u7, 0x31));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4(float* s, long ss, float* t, long ts)
    {
        Vector128<float> r0 = Sse.LoadVector128(s), r1 = Sse.LoadVector128(s + ss), r2 = Sse.LoadVector128(s + (2 * ss)), r3 = Sse.LoadVector128(s + (3 * ss));
        Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackHigh(r0, r1), t2 = Sse.UnpackLow(r2, r3), t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(t, Sse.MoveLowToHigh(t0, t2));
        Sse.Store(t + ts, Sse.MoveHighToLow(t2, t0));
        Sse.Store(t + (2 * ts), Sse.MoveLowToHigh(t1, t3));
        Sse.Store(t + (3 * ts), Sse.MoveHighToLow(t3, t1));
    }
}
