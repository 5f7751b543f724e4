namespace ConvSharp.Cli.Bench;

/// <summary>One timed and verified SGEMM row.</summary>
/// <param name="Case">The product.</param>
/// <param name="Algorithm">"Gemm.Sgemm" or a peer's name.</param>
/// <param name="IsPeer">True for another library.</param>
/// <param name="Runtime">"dotnet" or "python".</param>
/// <param name="Timing">Median, min, max.</param>
/// <param name="MaxRelativeError">Worst sampled |C − exact| ÷ Σ|a·b| over the sampled entries.</param>
/// <param name="Verified">Whether every sampled entry is within float32's bound for its depth.</param>
public sealed record GemmBenchRow(GemmBenchCase Case, string Algorithm, bool IsPeer, string Runtime, Timing Timing, double MaxRelativeError, bool Verified)
{
    /// <summary>GFLOP/s at the median time.</summary>
    public double GigaflopsPerSecond => Case.Flops / (Timing.MedianMs * 1e-3) / 1e9;
}
