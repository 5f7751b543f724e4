namespace ConvSharp.Execution;

/// <summary>Work over a band of output rows [start, end). A struct, so the parallel loop needs no closure per row.</summary>
internal interface IRowBandOperation
{
    /// <param name="band">The band's index, below <see cref="ParallelRowIterator.MaxBands"/>: its slice of the per-band workspace.</param>
    /// <param name="start">First row.</param>
    /// <param name="end">One past the last row.</param>
    void Invoke(int band, int start, int end);
}
