namespace ConvSharp.Execution;

/// <summary>
/// Computes one output row segment from one pointer per kernel row. Fast paths implement only this; the border, the
/// anchor, the vertical stride and dilation, and (unless <see cref="HandlesHorizontalStride"/>) the horizontal stride are
/// the <see cref="RowDriver"/>'s business.
/// </summary>
internal unsafe interface IRowKernel
{
    /// <summary>True when <see cref="Run"/> steps columns by <see cref="ConvolutionData.StrideX"/>; otherwise it is always called for stride 1 and the driver subsamples.</summary>
    bool HandlesHorizontalStride { get; }

    /// <summary>Output columns per vector (1 for scalar kernels); edge segments are widened to this so they run vectorised.</summary>
    int VectorWidth { get; }

    /// <summary><c>dst[x] = Σ_{i,j} rows[i][x·s + j·dx] · K[i·kw + j]</c> for <paramref name="x0"/> ≤ x &lt; <paramref name="x1"/>, s being the stride or 1 (see <see cref="HandlesHorizontalStride"/>).</summary>
    void Run(float** rows, float* dst, int x0, int x1, in ConvolutionData data);
}
