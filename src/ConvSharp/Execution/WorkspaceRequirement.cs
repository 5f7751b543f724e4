namespace ConvSharp;

/// <summary>The scratch an algorithm declares for a problem at plan time: once per call, plus once per parallel band.</summary>
/// <param name="PerCallBytes">Shared by the whole call (a fill row, an intermediate plane).</param>
/// <param name="PerBandBytes">Private to each band of rows (edge buffers, row pointers).</param>
/// <param name="Bands">The most bands the call splits into.</param>
public readonly record struct WorkspaceRequirement(long PerCallBytes, long PerBandBytes, int Bands)
{
    /// <summary>Everything one call rents: per call plus every band.</summary>
    public long TotalBytes => PerCallBytes + (PerBandBytes * Bands);
}
