namespace ConvSharp.Cli.Bench;

/// <summary>One timed and verified row of a suite that is not a 2-D convolution (<c>gemm</c>, <c>layers</c>).</summary>
/// <param name="Case">The case.</param>
/// <param name="Algorithm">Ours ("Gemm.Sgemm", "Conv2DLayer (Auto: …)") or a peer's name.</param>
/// <param name="IsPeer">True for another library.</param>
/// <param name="Runtime">"dotnet" or "python".</param>
/// <param name="Timing">Median, min, max.</param>
/// <param name="MaxRelativeError">Worst sampled |result − exact| ÷ Σ|terms| over the sampled entries.</param>
/// <param name="Verified">Whether every sampled entry is within float32's bound for its number of terms.</param>
public sealed record SuiteRow(ISuiteCase Case, string Algorithm, bool IsPeer, string Runtime, Timing Timing, double MaxRelativeError, bool Verified)
{
    /// <summary>GFLOP/s at the median time, from the case's nominal flops.</summary>
    public double GigaflopsPerSecond => Case.Flops / (Timing.MedianMs * 1e-3) / 1e9;

    /// <summary>GB/s at the median time, from the case's nominal bytes; null where the case reports none.</summary>
    public double? GigabytesPerSecond => Case.Bytes / (Timing.MedianMs * 1e-3) / 1e9;
}
