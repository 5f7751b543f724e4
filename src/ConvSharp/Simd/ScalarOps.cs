namespace ConvSharp.Simd;

/// <summary>One lane: the scalar tier of kernels written over <see cref="IVectorOps{TVector}"/> (no hardware vectors).</summary>
internal readonly unsafe struct ScalarOps : IVectorOps<float>
{
    public static int Count => 1;

    public static float Zero => 0f;

    public static float Load(float* source) => *source;

    public static void Store(float* destination, float value) => *destination = value;

    public static float Broadcast(float value) => value;

    public static float MultiplyAdd(float a, float b, float c) => float.MultiplyAddEstimate(a, b, c);

    public static float Add(float a, float b) => a + b;

    public static float Subtract(float a, float b) => a - b;
}
