namespace ConvSharp.Execution;

/// <summary>Shorthands for an algorithm's <see cref="Conv2DAlgorithm.TryPrepare"/>.</summary>
internal static class Prepared
{
    /// <summary>A <see cref="PackedKernelConvolution{TBody}"/>: the single-pass algorithms accept every kernel's values.</summary>
    public static PreparedConvolution Packed<TBody>(Conv2DProblem problem, Conv2DAlgorithm algorithm, ReadOnlyPlane2D kernel, int bufferedRows, TBody body, out string reason, long extraBandFloats = 0, bool singleThread = false)
        where TBody : struct, IConvolutionBody
    {
        reason = "packed taps";
        return new PackedKernelConvolution<TBody>(problem, algorithm, kernel, bufferedRows, extraBandFloats, singleThread, body);
    }
}
