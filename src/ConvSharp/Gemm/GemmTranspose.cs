namespace ConvSharp;

/// <summary>Whether an operand of <see cref="Gemm.Sgemm(GemmTranspose, GemmTranspose, int, int, int, float, System.ReadOnlySpan{float}, int, System.ReadOnlySpan{float}, int, float, System.Span{float}, int, ExecutionContext?)"/> is used as stored or transposed.</summary>
public enum GemmTranspose
{
    /// <summary>op(X) = X: the operand is stored with the product's shape, row-major.</summary>
    None,

    /// <summary>op(X) = Xᵀ: the operand is stored transposed, row-major (a column-major matrix read as is).</summary>
    Transpose,
}
