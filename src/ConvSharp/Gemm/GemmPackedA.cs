using System;

namespace ConvSharp.GemmKernels;

/// <summary>
/// A row-major M × K matrix packed once for the active tier's micro-kernel, every depth block at once: what a layer does
/// with its weights in Prepare, so that no call packs them again. Depth block b (rows p0 = b·<see cref="DepthBlock"/> …)
/// starts at <see cref="BlockOffset"/>(p0) and holds the strips of <see cref="GemmRowStrips"/>, each as
/// <see cref="GemmPacking.PackA"/> lays it out (MR rows, those past the strip's height zero).
/// </summary>
internal sealed unsafe class GemmPackedA
{
    private GemmPackedA(int m, int k, int rows, int depthBlock, float[] data)
    {
        M = m;
        K = k;
        Rows = rows;
        DepthBlock = depthBlock;
        Data = data;
    }

    public int M { get; }

    public int K { get; }

    /// <summary>MR of the tier it was packed for.</summary>
    public int Rows { get; }

    /// <summary>The depth of its blocks: <see cref="GemmBlocking.PackedADepth"/> for its K on the tier it was packed for.</summary>
    public int DepthBlock { get; }

    public float[] Data { get; }

    /// <summary>Packs <paramref name="a"/> (<paramref name="m"/> × <paramref name="k"/>, row-major) for the active tier.</summary>
    public static GemmPackedA Pack(ReadOnlySpan<float> a, int m, int k)
    {
        if (m < 1) ThrowHelper.OutOfRange(nameof(m), m, "1 or more.");
        if (k < 1) ThrowHelper.OutOfRange(nameof(k), k, "1 or more.");
        if (a.Length < (long)m * k) ThrowHelper.Argument(nameof(a), $"a holds {a.Length} floats; m·k = {(long)m * k}.");
        var (mr, nr) = GemmDriver.ActiveTile;
        int kcMax = GemmBlocking.PackedADepth(k, mr, nr), padded = (m + mr - 1) / mr * mr;
        var data = new float[(long)padded * k];
        fixed (float* source = a)
        fixed (float* target = data)
        {
            int strips = GemmRowStrips.Count(m, mr);
            for (int p0 = 0; p0 < k; p0 += kcMax)
            {
                int kc = Math.Min(kcMax, k - p0);
                for (int i = 0; i < strips; i++)
                {
                    var (row, height) = GemmRowStrips.Strip(i, m, mr);
                    GemmPacking.PackA(source, k, 1, row, height, p0, kc, mr, target + ((long)p0 * padded) + ((long)i * mr * kc));
                }
            }
        }

        return new GemmPackedA(m, k, mr, kcMax, data);
    }

    /// <summary>Where the depth block starting at row <paramref name="p0"/> of op(A)'s columns begins in <see cref="Data"/>.</summary>
    public long BlockOffset(int p0) => (long)p0 * ((M + Rows - 1) / Rows * Rows);
}
