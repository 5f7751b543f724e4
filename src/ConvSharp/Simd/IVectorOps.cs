using System.Runtime.Intrinsics;

namespace ConvSharp.Simd;

/// <summary>
/// The handful of float vector operations the SIMD kernels use, over one vector width. Kernels are written once,
/// generic over this interface; the JIT specialises each width and inlines the static calls, so there is no overhead.
/// (<c>ISimdVector</c> would do the same, but the runtime does not expose it for this use.)
/// </summary>
internal unsafe interface IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Load(float* source);

    static abstract void Store(float* destination, TVector value);

    static abstract TVector Broadcast(float value);

    /// <summary>a·b + c, fused where the hardware has FMA (as <see cref="float.MultiplyAddEstimate"/> does for scalars).</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Subtract(TVector a, TVector b);
}
