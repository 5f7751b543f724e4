using System;

namespace ConvSharp.Binary;

/// <summary>
/// The notebook's pipeline, stage by stage, generalised: im2col (the core's, through the row sources), binarize (a byte
/// per tap, 1 for x &gt; 0), K (the mean of |I| over each im2col column) with α from Prepare, bitpack (⌊64 / taps⌋
/// windows to a word, as the notebook's 7 × 9 bits, or ⌈taps / 64⌉ words per window above 64 taps), XNOR against the
/// kernel's bits repeated to fill a word, bitunpack (popcount of each window's slot: 2·popcount − n), scale. Any size,
/// anchor, stride, dilation and padding; segmented by output rows so its buffers stay small.
/// </summary>
internal sealed class XnorSeed : BinaryAlgorithm
{
    public override string Name => "xnor-seed";

    public override string Description => "The notebook's pipeline: im2col, binarize, K and α, bitpack, XNOR, popcount, scale, each a stage.";

    public override bool Supports(BinaryConv2DProblem problem, out string reason)
    {
        reason = "native: every size, anchor, stride, dilation and padding";
        return true;
    }

    private protected override PreparedBinaryConvolution PrepareCore(BinaryConv2DProblem problem, BinaryKernel kernel) => new PreparedXnorSeed(problem, this, kernel);
}
