using System.Runtime.Intrinsics;

namespace ConvSharp.Simd;

/// <summary>What the SIMD algorithms will use on this process (honours <c>DOTNET_EnableAVX512F=0</c> and friends).</summary>
public static class SimdCapabilities
{
    /// <summary>The tier the SIMD algorithms dispatch to.</summary>
    public static SimdTier ActiveTier =>
        Vector512.IsHardwareAccelerated ? SimdTier.Vector512
        : Vector256.IsHardwareAccelerated ? SimdTier.Vector256
        : Vector128.IsHardwareAccelerated ? SimdTier.Vector128
        : SimdTier.Scalar;
}
