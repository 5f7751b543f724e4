using System.Runtime.Intrinsics;

namespace ConvSharp.Simd;

/// <summary>128-bit lanes (SSE, NEON).</summary>
internal readonly unsafe struct Vector128Ops : IVectorOps<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    public static Vector128<float> Load(float* source) => Vector128.Load(source);

    public static void Store(float* destination, Vector128<float> value) => value.Store(destination);

    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);

    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
}
