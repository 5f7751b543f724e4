using System;

namespace ConvSharp.GemmKernels;

/// <summary>
/// The cache blocks of the SGEMM, in BLIS's terms: a kc × nc panel of packed B stays in L3, an mc × kc block of packed A
/// in L2, and a kc × NR micro-panel of B in L1 while the A micro-panels stream past it.
/// </summary>
/// <param name="MC">Rows of op(A) per packed block: a multiple of the kernel's MR.</param>
/// <param name="KC">Depth of one packed block and panel.</param>
/// <param name="NC">Columns of op(B) per packed panel: a multiple of the kernel's NR.</param>
internal readonly record struct GemmBlocking(int MC, int KC, int NC)
{
    /// <summary>Bytes of L1 the B micro-panel may fill: half of a 32 KiB L1, leaving room for A's micro-panel and C's tile.</summary>
    private const int MicroPanelBytes = 16 << 10;

    /// <summary>Bytes of L2 the packed A block may fill: 192 KiB of Zen 3/4's 512 KiB/1 MiB per core.</summary>
    private const int BlockBytes = 192 << 10;

    /// <summary>Columns of packed B per panel: 4096 × kc floats, 4 MiB at kc = 256, a share of a shared L3.</summary>
    private const int PanelColumns = 4096;

    /// <summary>
    /// The blocks for a micro-kernel of <paramref name="mr"/> × <paramref name="nr"/>: kc = 16 KiB ÷ (4·NR) (256 for
    /// AVX2's 6 × 16, BLIS's Haswell value), mc = 192 KiB ÷ (4·kc) rounded down to MR, nc = 4096 rounded down to NR.
    /// </summary>
    public static GemmBlocking For(int mr, int nr)
    {
        int kc = Math.Max(16, MicroPanelBytes / (sizeof(float) * nr));
        int mc = Math.Max(mr, BlockBytes / (sizeof(float) * kc) / mr * mr);
        int nc = Math.Max(nr, PanelColumns / nr * nr);
        return new GemmBlocking(mc, kc, nc);
    }

    /// <summary>
    /// The depth of one block of an A packed in advance (<see cref="GemmPackedA"/>) for a micro-kernel of
    /// <paramref name="mr"/> × <paramref name="nr"/>: all of <paramref name="k"/> in one block up to twice
    /// <see cref="For"/>'s kc, else kc. One block writes C once instead of twice and halves the tiles' set-up and stores;
    /// the B micro-panel (up to 32 KiB on AVX2) then spills from L1 into L2, which the tile's two loads per step absorb.
    /// Measured on pw512 (K = 512), alternating in one process: 0.978–0.981× the time on one thread, 0.987–0.993× on two.
    /// </summary>
    public static int PackedADepth(int k, int mr, int nr)
    {
        int kc = For(mr, nr).KC;
        return k <= 2 * kc ? k : kc;
    }
}
