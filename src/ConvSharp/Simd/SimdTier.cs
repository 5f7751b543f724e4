namespace ConvSharp.Simd;

/// <summary>The widest accelerated vector width, in the dispatch order Vector512 → Vector256 → Vector128 → scalar.</summary>
public enum SimdTier
{
    /// <summary>No accelerated vectors: scalar code only.</summary>
    Scalar,

    /// <summary>128-bit vectors (4 floats).</summary>
    Vector128,

    /// <summary>256-bit vectors (8 floats).</summary>
    Vector256,

    /// <summary>512-bit vectors (16 floats).</summary>
    Vector512,
}
