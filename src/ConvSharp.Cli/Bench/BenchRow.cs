namespace ConvSharp.Cli.Bench;

/// <summary>One timed and verified row of a bench table.</summary>
/// <param name="Case">The problem it ran.</param>
/// <param name="Algorithm">Algorithm or peer name.</param>
/// <param name="IsPeer">True for another library.</param>
/// <param name="Device">"cpu", "gpu:NAME" or "sim:NAME".</param>
/// <param name="Timing">Median, min, max.</param>
/// <param name="Verification">Errors against Reference.</param>
/// <param name="Runtime">"dotnet" (ours and the in-process OpenCV) or "python" (the notebook's methods, out of process).</param>
public sealed record BenchRow(BenchCase Case, string Algorithm, bool IsPeer, string Device, Timing Timing, Verification Verification, string Runtime = "dotnet")
{
    /// <summary>2 flops per multiply-add over the median time.</summary>
    public double GigaflopsPerSecond => 2.0 * Case.Problem.MultiplyAdds / (Timing.MedianMs * 1e-3) / 1e9;

    /// <summary>Input plus output bytes over the median time: the traffic an ideal single pass would move.</summary>
    public double EffectiveGigabytesPerSecond =>
        4.0 * (((long)Case.Problem.InputHeight * Case.Problem.InputWidth) + ((long)Case.Problem.OutputHeight * Case.Problem.OutputWidth)) / (Timing.MedianMs * 1e-3) / 1e9;
}
