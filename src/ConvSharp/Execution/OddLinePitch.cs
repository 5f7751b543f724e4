namespace ConvSharp.Execution;

/// <summary>
/// Row pitches for intermediate planes: the width rounded up to whole cache lines, then to an odd number of them. A
/// power-of-two pitch (a 1024- or 2048-float row) puts the same column of every row in the same L1 sets, so a kernel
/// reading a dozen rows competes for 8 ways; an odd number of lines spreads the rows over the sets.
/// </summary>
internal static class OddLinePitch
{
    /// <summary>Floats per cache line.</summary>
    private const int Line = 16;

    /// <summary>The pitch in floats for rows of <paramref name="width"/> floats.</summary>
    public static int For(long width)
    {
        long lines = (width + Line - 1) / Line;
        if (lines % 2 == 0) lines++;
        return checked((int)(lines * Line));
    }
}
