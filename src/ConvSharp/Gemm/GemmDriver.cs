using System;
using System.Runtime.Intrinsics;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.GemmKernels;

/// <summary>
/// The loops around the micro-kernel (BLIS's five): for each nc-column panel of op(B) and each kc-deep block of it, the
/// threads pack the panel and all of op(A)'s rows for that depth together, then share out the mc-row × column-chunk
/// blocks of C, sweeping the micro-kernel over them. Two fork-joins per depth block, one workspace rental per call.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>Runs a validated product on the widest accelerated tier (or a given blocking, for tests).</summary>
    public static void Run(in GemmOperands o, ExecutionContext context, GemmBlocking? blocking = null)
    {
        if (o.M == 1 && o.BColumnStride == 1)
        {
            if (Vector512.IsHardwareAccelerated) Gemv<Vector512Ops, Vector512<float>>(in o, context);
            else if (Vector256.IsHardwareAccelerated) Gemv<Vector256Ops, Vector256<float>>(in o, context);
            else Gemv<Vector128Ops, Vector128<float>>(in o, context);
            return;
        }

        if (Vector512.IsHardwareAccelerated) Blocked<VectorMicroKernel<Vector512Ops, Vector512<float>>>(in o, context, blocking);
        else if (Vector256.IsHardwareAccelerated) Blocked<VectorMicroKernel<Vector256Ops, Vector256<float>>>(in o, context, blocking);
        else if (Vector128.IsHardwareAccelerated) Blocked<VectorMicroKernel<Vector128Ops, Vector128<float>>>(in o, context, blocking);
        else Blocked<ScalarMicroKernel>(in o, context, blocking);
    }

    /// <summary>The micro-kernel the widest accelerated tier uses: its MR and NR.</summary>
    public static (int Rows, int Columns) ActiveTile =>
        Vector512.IsHardwareAccelerated ? (VectorMicroKernel<Vector512Ops, Vector512<float>>.Rows, VectorMicroKernel<Vector512Ops, Vector512<float>>.Columns)
        : Vector256.IsHardwareAccelerated ? (VectorMicroKernel<Vector256Ops, Vector256<float>>.Rows, VectorMicroKernel<Vector256Ops, Vector256<float>>.Columns)
        : Vector128.IsHardwareAccelerated ? (VectorMicroKernel<Vector128Ops, Vector128<float>>.Rows, VectorMicroKernel<Vector128Ops, Vector128<float>>.Columns)
        : (ScalarMicroKernel.Rows, ScalarMicroKernel.Columns);

    private static long WorkspaceFloats(int m, int n, int k, GemmBlocking blocks, int mr, int nr, int threads)
    {
        int kc = Math.Min(blocks.KC, k), nc = Math.Min(blocks.NC, RoundUp(n, nr));
        return ((long)kc * RoundUp(nc, nr)) + ((long)RoundUp(m, mr) * kc) + ((long)mr * nr * ParallelRowIterator.MaxBands(threads));
    }

    private static void Gemv<TOps, TVector>(in GemmOperands o, ExecutionContext context)
        where TOps : IVectorOps<TVector>
        where TVector : struct
    {
        int columns = GemvBands<TOps, TVector>.DefaultColumnsPerTask;
        int tasks = (o.N + columns - 1) / columns;
        ParallelRowIterator.For(tasks, (long)columns * o.K, context, 1, new GemvBands<TOps, TVector>(o, columns));
    }

    private static void Blocked<TKernel>(in GemmOperands o, ExecutionContext context, GemmBlocking? blocking)
        where TKernel : struct, IGemmMicroKernel
    {
        int mr = TKernel.Rows, nr = TKernel.Columns, threads = context.Threads;
        var blocks = blocking ?? GemmBlocking.For(mr, nr);
        int mc = BalancedBlockRows(o.M, blocks.MC, mr, threads);
        float[] workspace = context.Workspace.Rent(WorkspaceFloats(o.M, o.N, o.K, blocks with { MC = mc }, mr, nr, threads));
        try
        {
            fixed (float* scratch = workspace)
            {
                int kcMax = Math.Min(blocks.KC, o.K), ncMax = Math.Min(blocks.NC, RoundUp(o.N, nr));
                float* packedB = scratch;
                float* packedA = packedB + ((long)kcMax * RoundUp(ncMax, nr));
                float* bands = packedA + ((long)RoundUp(o.M, mr) * kcMax);
                long bandFloats = GemmBlockTasks<TKernel>.BandFloats;
                int aStrips = (o.M + mr - 1) / mr;
                int mBlocks = (o.M + mc - 1) / mc;
                for (int j0 = 0; j0 < o.N; j0 += blocks.NC)
                {
                    int nc = Math.Min(blocks.NC, o.N - j0), strips = (nc + nr - 1) / nr;

                    // Few block rows (a short A): split the panel's columns too, so every thread has work.
                    int chunks = Math.Clamp((4 * threads) / mBlocks, 1, strips), stripsPerChunk = (strips + chunks - 1) / chunks;
                    chunks = (strips + stripsPerChunk - 1) / stripsPerChunk;
                    for (int p0 = 0; p0 < o.K; p0 += blocks.KC)
                    {
                        int kc = Math.Min(blocks.KC, o.K - p0);
                        float beta = p0 == 0 ? o.Beta : 1f;   // later depth blocks add to what the first wrote
                        ParallelRowIterator.For(strips + aStrips, (long)kc * nr, context, 1, new GemmPackBands(o, p0, kc, j0, nc, mr, nr, strips, packedB, packedA));
                        var tasks = new GemmBlockTasks<TKernel>(o, kc, j0, nc, mc, chunks, stripsPerChunk, beta, packedB, packedA, bands, bandFloats);
                        ParallelRowIterator.For(mBlocks * chunks, (long)mc * stripsPerChunk * nr * kc, context, 1, tasks);
                    }
                }
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    /// <summary>
    /// The product with A packed in advance by <see cref="GemmPackedA.Pack"/> (on this process's tier); <paramref name="o"/>'s
    /// A is not read. Tasks are chunks of C's columns, each packing its own B: one fork per call. The bits are those of
    /// <see cref="Run"/> (the same micro-kernel over the same depth blocks) except for K between KC and 2·KC, which A's
    /// packing keeps in one block (<see cref="GemmBlocking.PackedADepth"/>): there each element is one chain over all of K.
    /// </summary>
    public static void RunPackedA(in GemmOperands o, GemmPackedA a, ExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.M != o.M || a.K != o.K || (a.Rows, GemmBlocking.PackedADepth(a.K, ActiveTile.Rows, ActiveTile.Columns)) != (ActiveTile.Rows, a.DepthBlock))
            throw new ArgumentException($"A was packed as {a.M} × {a.K} for MR {a.Rows}, KC {a.DepthBlock}; the product is {o.M} × {o.K} on MR {ActiveTile.Rows}.", nameof(a));
        if (Vector512.IsHardwareAccelerated) PackedA<VectorMicroKernel<Vector512Ops, Vector512<float>>>(in o, a, context);
        else if (Vector256.IsHardwareAccelerated) PackedA<VectorMicroKernel<Vector256Ops, Vector256<float>>>(in o, a, context);
        else if (Vector128.IsHardwareAccelerated) PackedA<VectorMicroKernel<Vector128Ops, Vector128<float>>>(in o, a, context);
        else PackedA<ScalarMicroKernel>(in o, a, context);
    }

    /// <summary>At most this many floats of B per task and depth block (256 KiB): half an L2, beside A's block.</summary>
    private const long PackedAChunkFloats = 1 << 16;

    private static void PackedA<TKernel>(in GemmOperands o, GemmPackedA a, ExecutionContext context)
        where TKernel : struct, IGemmMicroKernel
    {
        int mr = TKernel.Rows, nr = TKernel.Columns, threads = context.Threads;
        var blocks = GemmBlocking.For(mr, nr);
        int kcMax = Math.Min(a.DepthBlock, o.K), strips = (o.N + nr - 1) / nr;
        // Chunks differ by at most one strip (49 strips on 2 threads: 8 chunks of 6 or 7, not 7 of 7, 4 against 3).
        int maxStrips = (int)Math.Max(1, PackedAChunkFloats / ((long)kcMax * nr));
        int chunks = Math.Max(Math.Clamp(4 * threads, 1, strips), (strips + maxStrips - 1) / maxStrips);
        int stripsPerChunk = (strips + chunks - 1) / chunks;
        long bandFloats = GemmPackedATasks<TKernel>.BandFloats(kcMax, stripsPerChunk);
        float[] workspace = context.Workspace.Rent(bandFloats * ParallelRowIterator.MaxBands(threads));
        try
        {
            fixed (float* packedA = a.Data)
            fixed (float* scratch = workspace)
            {
                var tasks = new GemmPackedATasks<TKernel>(o, packedA, blocks.MC, kcMax, chunks, stripsPerChunk, scratch, bandFloats);
                ParallelRowIterator.For(chunks, (long)o.M * o.K * stripsPerChunk * nr, context, 1, tasks);
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    /// <summary>
    /// The product with op(B) packed in advance by <see cref="GemmPackedB"/> (on this process's tier) and op(A) read in
    /// place, its rows <see cref="GemmOperands.ARowStride"/> apart (column stride 1); <paramref name="o"/>'s B is not read.
    /// Tasks are chunks of A's row strips: one fork per call, nothing packed. The bits are those of
    /// <see cref="RunPackedA"/>'s micro-kernel: each element one chain over each depth block in order.
    /// </summary>
    public static void RunPackedBStridedA(in GemmOperands o, GemmPackedB b, ExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (o.AColumnStride != 1) throw new ArgumentException($"A's column stride is {o.AColumnStride}; reading A in place needs 1.", nameof(o));
        if (b.K != o.K || b.N != o.N || (b.Columns, GemmBlocking.PackedADepth(b.K, ActiveTile.Rows, ActiveTile.Columns)) != (ActiveTile.Columns, b.DepthBlock))
            throw new ArgumentException($"B was packed as {b.K} × {b.N} for NR {b.Columns}, KC {b.DepthBlock}; the product is {o.K} × {o.N} on NR {ActiveTile.Columns}.", nameof(b));
        if (Vector512.IsHardwareAccelerated) StridedA<VectorMicroKernel<Vector512Ops, Vector512<float>>>(in o, b, context);
        else if (Vector256.IsHardwareAccelerated) StridedA<VectorMicroKernel<Vector256Ops, Vector256<float>>>(in o, b, context);
        else if (Vector128.IsHardwareAccelerated) StridedA<VectorMicroKernel<Vector128Ops, Vector128<float>>>(in o, b, context);
        else StridedA<ScalarMicroKernel>(in o, b, context);
    }

    private static void StridedA<TKernel>(in GemmOperands o, GemmPackedB b, ExecutionContext context)
        where TKernel : struct, IGemmMicroKernel
    {
        int mr = TKernel.Rows, threads = context.Threads, kcMax = Math.Min(b.DepthBlock, o.K), strips = GemmRowStrips.Count(o.M, mr);
        int chunks = Math.Clamp(4 * threads, 1, strips);
        long bandFloats = GemmStridedATasks<TKernel>.BandFloats(kcMax);
        float[] workspace = context.Workspace.Rent(bandFloats * ParallelRowIterator.MaxBands(threads));
        try
        {
            fixed (float* packedB = b.Data)
            fixed (float* scratch = workspace)
            {
                var tasks = new GemmStridedATasks<TKernel>(o, packedB, kcMax, b.PaddedN, chunks, scratch, bandFloats);
                ParallelRowIterator.For(chunks, (long)o.N * o.K * ((strips + chunks - 1) / chunks) * mr, context, 1, tasks);
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    /// <summary>The depth of one packed block of B on the active tier (what <see cref="PackedBOffset"/> lays blocks out by).</summary>
    public static int ActiveDepthBlock => GemmBlocking.For(ActiveTile.Rows, ActiveTile.Columns).KC;

    /// <summary>The widest B a caller may pack itself: one panel of the active tier's blocking.</summary>
    public static int ActivePanelColumns => GemmBlocking.For(ActiveTile.Rows, ActiveTile.Columns).NC;

    /// <summary>Floats of a k × n op(B) packed by the caller for <see cref="RunPackedB"/>: every depth block's strips, n rounded up to NR.</summary>
    public static long PackedBFloats(int k, int n) => (long)k * RoundUp(n, ActiveTile.Columns);

    /// <summary>
    /// Where element (t, j) of a k × n op(B) goes when the caller packs it for <see cref="RunPackedB"/>: depth block
    /// b = t ÷ KC at b·KC·n', strip j ÷ NR of that block at (j ÷ NR)·kc_b·NR, row t mod KC of the strip at (t mod KC)·NR,
    /// lane j mod NR (n' = n rounded up to NR, kc_b the block's depth). A run of columns within one strip is contiguous.
    /// </summary>
    public static long PackedBOffset(int k, int n, int t, int j)
    {
        int nr = ActiveTile.Columns, kcMax = ActiveDepthBlock, block = t / kcMax, kc = Math.Min(kcMax, k - (block * kcMax));
        return ((long)block * kcMax * RoundUp(n, nr)) + ((long)(j / nr) * kc * nr) + ((long)(t % kcMax) * nr) + (j % nr);
    }

    /// <summary>
    /// The product with op(B) already packed by the caller (<see cref="PackedBOffset"/>; the columns past n in the last
    /// strip may hold anything, they are computed and dropped): only A is packed here. Requires n ≤
    /// <see cref="ActivePanelColumns"/> and an accelerated tier; <paramref name="o"/>'s B is not read.
    /// </summary>
    public static void RunPackedB(in GemmOperands o, float* packedB, ExecutionContext context)
    {
        if (Vector512.IsHardwareAccelerated) PackedB<VectorMicroKernel<Vector512Ops, Vector512<float>>>(in o, packedB, context);
        else if (Vector256.IsHardwareAccelerated) PackedB<VectorMicroKernel<Vector256Ops, Vector256<float>>>(in o, packedB, context);
        else if (Vector128.IsHardwareAccelerated) PackedB<VectorMicroKernel<Vector128Ops, Vector128<float>>>(in o, packedB, context);
        else PackedB<ScalarMicroKernel>(in o, packedB, context);
    }

    private static void PackedB<TKernel>(in GemmOperands o, float* packedB, ExecutionContext context)
        where TKernel : struct, IGemmMicroKernel
    {
        int mr = TKernel.Rows, nr = TKernel.Columns, threads = context.Threads;
        var blocks = GemmBlocking.For(mr, nr);
        if (o.N > blocks.NC) throw new ArgumentOutOfRangeException(nameof(o), o.N, $"a caller-packed B is at most {blocks.NC} columns");
        int mc = BalancedBlockRows(o.M, blocks.MC, mr, threads), kcMax = Math.Min(blocks.KC, o.K);
        float[] workspace = context.Workspace.Rent(((long)RoundUp(o.M, mr) * kcMax) + ((long)mr * nr * ParallelRowIterator.MaxBands(threads)));
        try
        {
            fixed (float* scratch = workspace)
            {
                float* packedA = scratch, bands = packedA + ((long)RoundUp(o.M, mr) * kcMax);
                int aStrips = (o.M + mr - 1) / mr, mBlocks = (o.M + mc - 1) / mc, strips = (o.N + nr - 1) / nr, paddedN = RoundUp(o.N, nr);
                int chunks = Math.Clamp((4 * threads) / mBlocks, 1, strips), stripsPerChunk = (strips + chunks - 1) / chunks;
                chunks = (strips + stripsPerChunk - 1) / stripsPerChunk;
                for (int p0 = 0; p0 < o.K; p0 += blocks.KC)
                {
                    int kc = Math.Min(blocks.KC, o.K - p0);
                    float* panel = packedB + ((long)p0 * paddedN);
                    ParallelRowIterator.For(aStrips, (long)kc * mr, context, 1, new GemmPackBands(o, p0, kc, 0, o.N, mr, nr, 0, panel, packedA));
                    var tasks = new GemmBlockTasks<TKernel>(o, kc, 0, o.N, mc, chunks, stripsPerChunk, p0 == 0 ? o.Beta : 1f, panel, packedA, bands, GemmBlockTasks<TKernel>.BandFloats);
                    ParallelRowIterator.For(mBlocks * chunks, (long)mc * stripsPerChunk * nr * kc, context, 1, tasks);
                }
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    /// <summary>
    /// Rows per A block: at most <paramref name="mc"/>, a multiple of MR, and (with several threads) evened out so the
    /// block count is a multiple of the thread count: 2048 rows on two threads make 12 blocks of 174, not 11 of 192.
    /// </summary>
    private static int BalancedBlockRows(int m, int mc, int mr, int threads)
    {
        int blocks = (m + mc - 1) / mc;
        if (threads > 1 && blocks > 1) blocks = RoundUp(blocks, threads);
        return Math.Min(mc, RoundUp((m + blocks - 1) / blocks, mr));
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
