using System;

namespace ConvSharp;

/// <summary>
/// Hears how long each named stage of a call took. Multi-stage algorithms name their stages (<c>factor</c>, <c>row-pass</c>,
/// <c>column-pass</c>; later <c>im2col</c>, <c>gemm</c>, <c>forward-fft</c>, ...); single-stage algorithms report one stage
/// named after themselves. A stage that runs several times in one call (once per segment) reports each time.
/// </summary>
/// <remarks>Implementations must be thread-safe only if one profiler is shared by concurrent calls; one call reports from one thread.</remarks>
public interface IStageProfiler
{
    /// <summary>Stage <paramref name="stage"/> took <paramref name="elapsed"/>, wall clock.</summary>
    void Record(string stage, TimeSpan elapsed);
}
