using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ConvSharp.Algorithms.Stencil;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Layers;

/// <summary>
/// 3×3 planes at stride 1 with one row and column of zeros all round (a depthwise layer's usual shape): each row is
/// copied into a zero-framed ring of rows just before the block that first reads it, and the plane is swept three rows at
/// a time by Stencil's 3×3 block kernel with no border logic at all. The frame's zero columns and the zero row are
/// written once per band; the ring (eight rows, in L1 for planes up to about 400 wide) bounds the scratch whatever the
/// plane's size.
/// </summary>
/// <remarks>
/// <para>Why: through the core's planner a 112 × 112 plane paid for its borders (edge buffers, staged rows, band loop)
/// about as much as for its multiply-adds; in a profile of dw32 the block kernel took 36 % of the time. Framed, dw32
/// (32 × 112 × 112, two threads) took 0.090 ms against 0.107 before (three alternating runs of each build: 0.81–0.86×);
/// the kernel now takes 60 % and the copy, where the plane arrives from L3, most of the rest. Reading the interior in
/// place and framing only the edge columns was slower (0.100–0.125 ms): the kernel then waits on L3 itself.</para>
/// <para>Bits: the block kernel adds each output's taps in the order Simd and Stencil use, and the zeros of the frame are
/// multiplied and added just as the core's constant border multiplies and adds its fill value, so every output equals the
/// planner's, bit for bit.</para>
/// </remarks>
internal static unsafe class LayerPlaneStencil3x3
{
    /// <summary>Whether the layer's planes take this path (a vector tier, planes at least one vector wide).</summary>
    public static bool Applies(Conv2DLayerProblem p) =>
        p.KernelHeight == 3 && p.KernelWidth == 3 && p.Stride == (1, 1) && p.Dilation == (1, 1) && p.Padding == (1, 1, 1, 1)
        && p.PaddingMode == LayerPaddingMode.Zeros && Vector128.IsHardwareAccelerated && p.InputWidth >= Vector128<float>.Count;

    /// <summary>Floats of one band's buffer: a ring of <see cref="RingRows"/> framed rows, a zero row and a spare output row.</summary>
    public static long ScratchFloats(int width) => (RingRows + 2L) * Pitch(width);

    /// <summary>Zeros a band's buffer: the frame every plane then keeps.</summary>
    public static void Clear(float* scratch, int width) => new Span<float>(scratch, checked((int)ScratchFloats(width))).Clear();

    /// <summary>One plane: <paramref name="input"/> (h × w) correlated with the nine taps at <paramref name="kernel"/> into <paramref name="output"/> (h × w).</summary>
    public static void Run(float* input, float* output, int height, int width, float* kernel, float* scratch)
    {
        if (Vector512.IsHardwareAccelerated && width >= Vector512<float>.Count) Run<Vector512Ops, Vector512<float>>(input, output, height, width, kernel, scratch);
        else if (Vector256.IsHardwareAccelerated && width >= Vector256<float>.Count) Run<Vector256Ops, Vector256<float>>(input, output, height, width, kernel, scratch);
        else Run<Vector128Ops, Vector128<float>>(input, output, height, width, kernel, scratch);
    }

    /// <summary>Framed rows in a band's ring: a block reads five, and eight leave room to copy the next three ahead.</summary>
    private const int RingRows = 8;

    /// <summary>An odd number of cache lines per framed row, so the five rows a block reads do not share L1 sets.</summary>
    private static int Pitch(int width) => OddLinePitch.For(width + 2);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOps, TVector>(float* input, float* output, int height, int width, float* kernel, float* scratch)
        where TOps : IVectorOps<TVector>
        where TVector : struct
    {
        const int Block = 3;
        int pitch = Pitch(width);
        float* ring = scratch, zero = ring + ((long)RingRows * pitch), spare = zero + pitch;
        var data = new ConvolutionData { Kernel = kernel, DilationX = 1 };
        float** rows = stackalloc float*[5];
        float** outputs = stackalloc float*[Block];
        int copied = 0;
        for (int y = 0; y < height; y += Block)
        {
            // Framed row f holds input row f − 1; the block reads framed rows y … y + 4. Copy the input rows not yet in
            // the ring just ahead of use (each once); the frame's first row and those past the plane are the zero row.
            for (int last = Math.Min(height, y + 4); copied < last; copied++) CopyRow(input + ((long)copied * width), ring + ((long)((copied + 1) % RingRows) * pitch) + 1, width);
            for (int i = 0; i < 5; i++)
            {
                int f = y + i;
                rows[i] = f == 0 || f > height ? zero : ring + ((long)(f % RingRows) * pitch);
            }

            // Output row y + o reads framed rows y + o … y + o + 2; rows past the plane go to the spare row.
            for (int o = 0; o < Block; o++) outputs[o] = y + o < height ? output + ((long)(y + o) * width) : spare;
            Stencil3x3BlockKernel<TOps, TVector>.Run(rows, outputs, 0, width, in data, backward: false);
        }
    }

    /// <summary>One row into the frame, a vector at a time (a row is a few hundred bytes: no call into a general copy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(float* source, float* target, int width)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= width - Vector256<float>.Count; j += Vector256<float>.Count) Vector256.Store(Vector256.Load(source + j), target + j);
        }

        for (; j < width; j++) target[j] = source[j];
    }
}
