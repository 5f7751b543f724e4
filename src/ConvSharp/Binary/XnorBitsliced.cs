using System;

namespace ConvSharp.Binary;

/// <summary>
/// The fast path: sign bits packed 64 adjacent pixels to a word, each kernel tap a shifted XNOR of an input row against
/// the tap's weight bit, agreements counted for 64 outputs at once in bit-sliced counters, K from a box filter of |I|
/// (the core's prepared convolution with a kernel of ones). Horizontal stride 1; any vertical stride, dilation, anchor,
/// size and padding; up to 255 taps.
/// </summary>
internal sealed class XnorBitsliced : BinaryAlgorithm
{
    public override string Name => "xnor-bitsliced";

    public override string Description => "Sign bits 64 pixels to a word, a shifted XNOR per tap, bit-sliced counters (256 outputs per vector), K from the rows' window sums of |I|.";

    public override bool Supports(BinaryConv2DProblem problem, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Geometry.Stride.X != 1)
        {
            reason = $"horizontal stride 1 only (this is {problem.Geometry.Stride.X}): a word holds 64 adjacent outputs; xnor-seed takes any stride";
            return false;
        }

        if (problem.Taps > 255)
        {
            reason = $"at most 255 taps (this kernel has {problem.Taps}): counts are unsliced into bytes";
            return false;
        }

        reason = "native: shifted XNOR per tap, bit-sliced counts";
        return true;
    }

    private protected override PreparedBinaryConvolution PrepareCore(BinaryConv2DProblem problem, BinaryKernel kernel) => new PreparedXnorBitsliced(problem, this, kernel);
}
