namespace ConvSharp;

/// <summary>How closely an algorithm reproduces <see cref="Conv2D.Reference"/>.</summary>
public enum Conv2DAccuracy
{
    /// <summary>
    /// Adds float32 products of the kernel's own weights in a fixed order: on small-integer data (every partial sum exactly
    /// representable) it matches Reference bit for bit, and on any data it stays within <see cref="Conv2DProblem.ErrorBound"/>.
    /// </summary>
    Exact,

    /// <summary>
    /// Computes with transformed weights (separable factors, FFT spectra, Winograd transforms), which round: it stays within
    /// the bound its <see cref="PreparedConvolution.ErrorBound"/> documents, and is bit-exact only where the algorithm says so.
    /// </summary>
    Bounded,
}
