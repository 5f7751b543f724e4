namespace ConvSharp.Peers.Python;

/// <summary>One method's line from the Python runner: timed with its output file, or unavailable with the reason.</summary>
/// <param name="Method">What it is, e.g. <c>numpy matmul</c>.</param>
/// <param name="Available">False when the method could not run here.</param>
/// <param name="Why">Why it could not, in one line (empty when it ran).</param>
/// <param name="MedianMs">Median time inside Python.</param>
/// <param name="MinMs">Fastest run.</param>
/// <param name="MaxMs">Slowest run.</param>
/// <param name="Runs">Timed runs.</param>
/// <param name="Output">The output it wrote (a float32 .npy), read back for verification.</param>
/// <param name="ViaFft">True for the FFT methods, whose rounding error is larger than a direct sum's.</param>
public sealed record PythonPeerRow(string Method, bool Available, string Why, double MedianMs, double MinMs, double MaxMs, int Runs, float[]? Output, bool ViaFft = false);
