namespace ConvSharp.Algorithms.Im2ColGemm;

/// <summary>How an im2col algorithm holds its column matrix and multiplies it.</summary>
internal enum Im2ColForm
{
    /// <summary>Column panels of a few output rows, each in cache when our SGEMM multiplies it (Im2ColGemm).</summary>
    Segmented,

    /// <summary>The whole column matrix, then one SGEMM over it, as the notebook does (Im2ColGemmMaterialized).</summary>
    Materialized,

    /// <summary>The whole column matrix, then the notebook's plain parallel loop, no packing or blocking (Matmul).</summary>
    Matmul,
}
