using System;

namespace ConvSharp.GemmKernels;

/// <summary>
/// A K × N op(B) packed once for the active tier's micro-kernel, every depth block at once: a channels-last layer's
/// weights, packed in Prepare so that <see cref="GemmDriver.RunPackedBStridedA"/> packs nothing per call. Depth block b
/// (rows p0 = b·<see cref="DepthBlock"/> …) starts at <see cref="BlockOffset"/>(p0) and holds ⌈N ÷ NR⌉ strips of NR
/// columns, kc × NR each, row by row, as <see cref="GemmPacking.PackB"/> lays them out (columns past N zero).
/// </summary>
internal sealed unsafe class GemmPackedB
{
    private GemmPackedB(int k, int n, int columns, int depthBlock, float[] data)
    {
        K = k;
        N = n;
        Columns = columns;
        DepthBlock = depthBlock;
        Data = data;
    }

    public int K { get; }

    public int N { get; }

    /// <summary>NR of the tier it was packed for.</summary>
    public int Columns { get; }

    /// <summary>The depth of its blocks: <see cref="GemmBlocking.PackedADepth"/> for its K on the tier it was packed for.</summary>
    public int DepthBlock { get; }

    public float[] Data { get; }

    /// <summary>N rounded up to whole strips: the floats per row of every depth block.</summary>
    public int PaddedN => (N + Columns - 1) / Columns * Columns;

    /// <summary>
    /// Packs op(B) = <paramref name="transposed"/>ᵀ, where <paramref name="transposed"/> is <paramref name="n"/> ×
    /// <paramref name="k"/>, row-major (a layer's O × C weights, so op(B)[c, o] = w[o, c]), for the active tier.
    /// </summary>
    public static GemmPackedB PackTransposed(ReadOnlySpan<float> transposed, int n, int k)
    {
        if (n < 1) ThrowHelper.OutOfRange(nameof(n), n, "1 or more.");
        if (k < 1) ThrowHelper.OutOfRange(nameof(k), k, "1 or more.");
        if (transposed.Length < (long)n * k) ThrowHelper.Argument(nameof(transposed), $"transposed holds {transposed.Length} floats; n·k = {(long)n * k}.");
        var (mr, nr) = GemmDriver.ActiveTile;
        int kcMax = GemmBlocking.PackedADepth(k, mr, nr), padded = (n + nr - 1) / nr * nr, strips = padded / nr;
        var data = new float[(long)padded * k];
        fixed (float* source = transposed)
        fixed (float* target = data)
        {
            for (int p0 = 0; p0 < k; p0 += kcMax)
            {
                int kc = Math.Min(kcMax, k - p0);
                GemmPacking.PackB(source, 1, k, p0, kc, 0, n, nr, 0, strips, target + ((long)p0 * padded));
            }
        }

        return new GemmPackedB(k, n, nr, kcMax, data);
    }

    /// <summary>Where the depth block starting at row <paramref name="p0"/> of op(B) begins in <see cref="Data"/>.</summary>
    public long BlockOffset(int p0) => (long)p0 * PaddedN;
}
