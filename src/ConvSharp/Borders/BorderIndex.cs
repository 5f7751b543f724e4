using System.Runtime.CompilerServices;

namespace ConvSharp.Borders;

/// <summary>
/// Maps an index that may lie outside [0, n) to the input index the border mode reads, or −1 where
/// <see cref="BorderMode.Constant"/> supplies its fill value. Extensions repeat without limit, so an index any distance
/// outside still maps (scipy.ndimage's behaviour; scipy.signal agrees wherever its single reflection is defined).
/// </summary>
internal static class BorderIndex
{
    public const int Fill = -1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Map(long index, int n, BorderMode mode)
    {
        if ((ulong)index < (ulong)n) return (int)index;
        return mode switch
        {
            BorderMode.Replicate => index < 0 ? 0 : n - 1,
            BorderMode.Reflect => Reflect(index, n),
            BorderMode.Reflect101 => n == 1 ? 0 : Reflect101(index, n),
            BorderMode.Wrap => (int)Mod(index, n),
            _ => Fill,
        };
    }

    // abc|cba: period 2n, the second half runs backwards from n − 1.
    private static int Reflect(long index, int n)
    {
        long m = Mod(index, 2L * n);
        return (int)(m < n ? m : 2L * n - 1 - m);
    }

    // abc|ba: period 2n − 2, mirrored about the edge samples, which are not repeated.
    private static int Reflect101(long index, int n)
    {
        long period = 2L * n - 2;
        long m = Mod(index, period);
        return (int)(m < n ? m : period - m);
    }

    private static long Mod(long a, long n)
    {
        long m = a % n;
        return m < 0 ? m + n : m;
    }
}
