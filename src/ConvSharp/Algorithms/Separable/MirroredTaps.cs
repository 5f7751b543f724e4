namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// The order in which Separable's row pass adds a mirrored kernel (taps[j] = taps[kw − 1 − j]) when it folds it: with
/// h = ⌊kw/2⌋ pairs, pair j is (x[j] + x[kw − 1 − j])·taps[j], added in the order j = 0, h − 1, 1, h − 2, … (from both ends
/// towards the middle), then the middle tap where kw is odd; every accumulator from zero, with fused multiply-adds.
/// </summary>
/// <remarks>
/// Why that order: where kw = 2N − 1 (N lanes: 15 taps on AVX2, 31 on AVX-512, 7 on SSE) the right sample of pair j,
/// at x + 2N − 2 − j, is the left sample of pair h − 1 − j one vector on, so <see cref="RowPairKernel{TOps, TVector}"/>
/// loads the two pairs' vectors once for both: as many loads as residue order, half the multiplies, the adds on the
/// core's add ports. Elsewhere a fold needs more loads than residue order saves FMAs (measured slower on AVX2: 15 taps
/// without the shared loads 1.10×, 31 taps 1.13×), so only kw = 2N − 1 folds.
/// </remarks>
internal static class MirroredTaps
{
    /// <summary>The pair added <paramref name="i"/>-th of <paramref name="half"/>.</summary>
    public static int Pair(int i, int half) => (i & 1) == 0 ? i >> 1 : half - 1 - (i >> 1);

    /// <summary>Whether a mirrored row of <paramref name="kw"/> taps is folded on <paramref name="lanes"/>-lane vectors.</summary>
    public static bool Folds(bool mirrored, int kw, int lanes) => mirrored && kw == (2 * lanes) - 1;
}
