using System;
using System.Runtime.Intrinsics;
using ConvSharp.Simd;

namespace ConvSharp.Layers.Winograd;

/// <summary>
/// 3 × 3 layers at stride 1 and dilation 1 by Winograd's F(4×4, 3×3) (<see cref="WinogradF4x3"/>): 36 products per 4 × 4
/// output tile where the direct way takes 144, so about 4× fewer multiply-adds, paid for with transforms and a bounded
/// rounding error (<see cref="ErrorBound"/>). Channels are vectorised in the transforms and summed by a register-tiled
/// product per transform point; see docs/algorithms.md.
/// </summary>
internal sealed class LayerWinograd : LayerAlgorithm
{
    /// <summary>
    /// Below this many input channels per group Auto leaves the layer to im2col: the input transform is paid per channel
    /// and the products have too little depth to hide it. Measured on the Zen 3 machine (two threads, 56² outputs):
    /// Winograd against im2col, C = O = 8 0.11 against 0.15 ms, C = 64 → O = 2 0.33 against 1.62 ms, C = 4 → O = 64 0.21
    /// against 0.20 ms, C = 3 → O = 64 (224²) 4.4 against 3.9 ms.
    /// </summary>
    public const int MinimumChannelsForAuto = 4;

    public override string Name => "Winograd";

    public override string Description => "Winograd F(4×4, 3×3) at the points {0, ±5/8, ±3/2, ∞}: weights transformed once, channel-vectorised transforms, one product per transform point.";

    public override Conv2DAccuracy Accuracy => Conv2DAccuracy.Bounded;

    public override bool Supports(Conv2DLayerProblem problem, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.KernelHeight != 3 || problem.KernelWidth != 3 || problem.Stride != (1, 1) || problem.Dilation != (1, 1))
        {
            reason = $"only 3×3 kernels at stride 1 and dilation 1 (this is {problem.KernelHeight}×{problem.KernelWidth}, stride {problem.Stride.Y},{problem.Stride.X}, dilation {problem.Dilation.Y},{problem.Dilation.X})";
            return false;
        }

        reason = $"native: F(4×4, 3×3), error within {ErrorBound(problem):G3}·Σ|w|·max|x|";
        return true;
    }

    /// <summary><see cref="WinogradF4x3.RelativeBound"/> for the problem's input channels per group.</summary>
    public override double ErrorBound(Conv2DLayerProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return WinogradF4x3.RelativeBound(problem.GroupInputChannels);
    }

    internal override bool WorthwhileFor(Conv2DLayerProblem problem, out string reason)
    {
        if (problem.GroupInputChannels < MinimumChannelsForAuto)
        {
            reason = $"fewer than {MinimumChannelsForAuto} input channels per group: the input transform costs more than the products save";
            return false;
        }

        reason = "";
        return true;
    }

    internal override PreparedLayer Prepare(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias) => Prepare(problem, weights, bias, channelsLast: false);

    /// <inheritdoc/>
    /// <remarks>
    /// Channels-last natively: the input transform wants each pixel's channels as one vector, which NHWC pixels already
    /// are, so it gathers them instead of interleaving planes; the output transform's pixels are written as they are.
    /// </remarks>
    public override bool RunsChannelsLast => true;

    /// <inheritdoc/>
    internal override PreparedLayer PrepareChannelsLast(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias) => Prepare(problem, weights, bias, channelsLast: true);

    private PreparedLayer Prepare(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, bool channelsLast) => SimdCapabilities.ActiveTier switch
    {
        SimdTier.Vector512 => new PreparedLayerWinograd<Vector512Ops, Vector512<float>>(problem, this, weights, bias, channelsLast),
        SimdTier.Vector256 => new PreparedLayerWinograd<Vector256Ops, Vector256<float>>(problem, this, weights, bias, channelsLast),
        SimdTier.Vector128 => new PreparedLayerWinograd<Vector128Ops, Vector128<float>>(problem, this, weights, bias, channelsLast),
        _ => new PreparedLayerWinograd<ScalarOps, float>(problem, this, weights, bias, channelsLast),
    };
}
