namespace ConvSharp;

/// <summary>Whether the kernel is applied as is (correlation) or flipped on both axes (convolution).</summary>
public enum ConvolutionKind
{
    /// <summary><c>out[y,x] = Σ in[y·sy + i·dy − ay, x·sx + j·dx − ax] · k[i,j]</c>, as scipy.signal.correlate2d, OpenCV filter2D and ML frameworks compute.</summary>
    Correlation,

    /// <summary>Correlation with the kernel flipped on both axes, as scipy.signal.convolve2d computes.</summary>
    Convolution,
}
