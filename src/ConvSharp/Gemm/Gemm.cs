using System;
using ConvSharp.GemmKernels;

namespace ConvSharp;

/// <summary>
/// Single-precision matrix products, C = alpha·op(A)·op(B) + beta·C, on row-major spans: packed panels, cache blocking
/// for L1, L2 and L3, and a register-tiled FMA micro-kernel on the widest accelerated vectors (Vector512, Vector256,
/// Vector128, with a scalar fallback), parallel over blocks of C. The BLAS <c>sgemm</c> contract, in row-major terms.
/// </summary>
/// <remarks>
/// <para>op(A) is m × k and op(B) is k × n; C is m × n. Each operand is row-major with its own leading dimension (the
/// distance between the starts of consecutive stored rows), so a sub-matrix of a larger one can be passed as is.</para>
/// <para>With <c>beta</c> = 0, C is only written (NaN or garbage in it does not leak in); with <c>alpha</c> = 0 or
/// <c>k</c> = 0, A and B are not read and C becomes beta·C. Every element of C is a chain of fused multiply-adds over
/// p = 0 .. k − 1 in order within each depth block of 256 (AVX2), so on small-integer data the result is exact.</para>
/// <para>Scratch (the packed panels) comes from the context's <see cref="Workspace"/>, rented once per call; nothing else
/// is allocated in the loops. Threads: <see cref="ExecutionContext.MaxDegreeOfParallelism"/>.</para>
/// </remarks>
public static class Gemm
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C.</summary>
    /// <param name="transposeA">Whether A is stored as op(A) (m × k, <see cref="GemmTranspose.None"/>) or as its transpose (k × m).</param>
    /// <param name="transposeB">Whether B is stored as op(B) (k × n) or as its transpose (n × k).</param>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A), rows of op(B): the depth of the product.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A's elements, row-major.</param>
    /// <param name="lda">Floats between A's stored rows: at least its stored width (k, or m when transposed).</param>
    /// <param name="b">B's elements, row-major.</param>
    /// <param name="ldb">Floats between B's stored rows: at least its stored width (n, or k when transposed).</param>
    /// <param name="beta">Scale of C's previous contents; 0 ignores them.</param>
    /// <param name="c">C's elements, row-major; must not overlap A or B.</param>
    /// <param name="ldc">Floats between C's rows: at least n.</param>
    /// <param name="context">Threads, workspace and cancellation; null means <see cref="ExecutionContext.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or a leading dimension is smaller than its row.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix, or C overlaps A or B.</exception>
    public static unsafe void Sgemm(
        GemmTranspose transposeA, GemmTranspose transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, ExecutionContext? context = null) =>
        Run(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, context, blocking: null);

    /// <summary>C = A·B for tightly packed row-major A (m × k), B (k × n) and C (m × n).</summary>
    /// <inheritdoc cref="Sgemm(GemmTranspose, GemmTranspose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, ExecutionContext?)"/>
    public static void Sgemm(int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, ExecutionContext? context = null) =>
        Sgemm(GemmTranspose.None, GemmTranspose.None, m, n, k, 1f, a, Math.Max(1, k), b, Math.Max(1, n), 0f, c, Math.Max(1, n), context);

    /// <summary>
    /// <paramref name="batchCount"/> independent products of one shape, C_i = alpha·op(A_i)·op(B_i) + beta·C_i, where
    /// X_i starts <c>strideX</c>·i floats into its span (a stride of 0 shares one operand, say the weights, across the batch).
    /// </summary>
    /// <param name="strideA">Floats from A_i to A_(i+1); 0 or more.</param>
    /// <param name="strideB">Floats from B_i to B_(i+1); 0 or more.</param>
    /// <param name="strideC">Floats from C_i to C_(i+1): 0 only for a batch of one, so no two products write one C.</param>
    /// <param name="batchCount">Products; 0 or more.</param>
    /// <inheritdoc cref="Sgemm(GemmTranspose, GemmTranspose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, ExecutionContext?)"/>
#pragma warning disable CS1573 // the shared parameters are documented through inheritdoc
    public static void SgemmStridedBatched(
        GemmTranspose transposeA, GemmTranspose transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, long strideA, ReadOnlySpan<float> b, int ldb, long strideB,
        float beta, Span<float> c, int ldc, long strideC, int batchCount, ExecutionContext? context = null)
#pragma warning restore CS1573
    {
        if (batchCount < 0) ThrowHelper.OutOfRange(nameof(batchCount), batchCount, "0 or more products.");
        if (strideA < 0) ThrowHelper.OutOfRange(nameof(strideA), strideA, "0 or more floats.");
        if (strideB < 0) ThrowHelper.OutOfRange(nameof(strideB), strideB, "0 or more floats.");
        if (strideC < 0 || (strideC < (long)Math.Max(0, m - 1) * ldc + n && batchCount > 1 && m > 0 && n > 0))
            ThrowHelper.OutOfRange(nameof(strideC), strideC, $"at least one C's extent, (m − 1)·ldc + n = {((long)Math.Max(0, m - 1) * ldc) + n}, so the products' outputs do not overlap.");
        if (batchCount == 0) return;
        long last = batchCount - 1L;
        CheckLength(nameof(a), a.Length, (last * strideA) + StoredExtent(transposeA == GemmTranspose.None ? m : k, transposeA == GemmTranspose.None ? k : m, lda));
        CheckLength(nameof(b), b.Length, (last * strideB) + StoredExtent(transposeB == GemmTranspose.None ? k : n, transposeB == GemmTranspose.None ? n : k, ldb));
        CheckLength(nameof(c), c.Length, (last * strideC) + StoredExtent(m, n, ldc));
        for (long i = 0; i < batchCount; i++)
        {
            Run(transposeA, transposeB, m, n, k, alpha, Tail(a, i * strideA), lda, Tail(b, i * strideB), ldb, beta, Tail(c, i * strideC), ldc, context, blocking: null);
        }
    }

    /// <summary>The product with a given blocking: the test hook that makes small matrices cross every block boundary.</summary>
    internal static unsafe void Run(
        GemmTranspose transposeA, GemmTranspose transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, ExecutionContext? context, GemmBlocking? blocking)
    {
        context ??= ExecutionContext.Default;
        context.Validate();
        CheckDimension(nameof(m), m);
        CheckDimension(nameof(n), n);
        CheckDimension(nameof(k), k);
        bool plainA = transposeA == GemmTranspose.None, plainB = transposeB == GemmTranspose.None;
        CheckLeading(nameof(lda), lda, plainA ? k : m, plainA ? "k (A is m × k)" : "m (A is stored k × m)");
        CheckLeading(nameof(ldb), ldb, plainB ? n : k, plainB ? "n (B is k × n)" : "k (B is stored n × k)");
        CheckLeading(nameof(ldc), ldc, n, "n (C is m × n)");
        if (m == 0 || n == 0) return;
        bool product = k > 0 && alpha != 0f;
        if (product)
        {
            CheckLength(nameof(a), a.Length, StoredExtent(plainA ? m : k, plainA ? k : m, lda));
            CheckLength(nameof(b), b.Length, StoredExtent(plainB ? k : n, plainB ? n : k, ldb));
        }

        CheckLength(nameof(c), c.Length, StoredExtent(m, n, ldc));
        Span<float> written = c[..(int)StoredExtent(m, n, ldc)];
        if (product && written.Overlaps(a)) ThrowHelper.Argument(nameof(c), "c overlaps a: the product would read what it writes.");
        if (product && written.Overlaps(b)) ThrowHelper.Argument(nameof(c), "c overlaps b: the product would read what it writes.");
        if (!product)
        {
            ScaleOnly(written, m, n, ldc, beta);
            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var operands = new GemmOperands(
                m, n, k, alpha,
                pa, plainA ? lda : 1, plainA ? 1 : lda,
                pb, plainB ? ldb : 1, plainB ? 1 : ldb,
                beta, pc, ldc);
            GemmDriver.Run(in operands, context, blocking);
        }
    }

    private static void ScaleOnly(Span<float> c, int m, int n, int ldc, float beta)
    {
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f) row.Clear();
            else if (beta != 1f)
            {
                for (int j = 0; j < row.Length; j++) row[j] *= beta;
            }
        }
    }

    private static ReadOnlySpan<float> Tail(ReadOnlySpan<float> span, long offset) => span[(int)Math.Min(offset, span.Length)..];

    private static Span<float> Tail(Span<float> span, long offset) => span[(int)Math.Min(offset, span.Length)..];

    private static long StoredExtent(int rows, int columns, int leading) =>
        rows == 0 || columns == 0 ? 0 : ((rows - 1L) * leading) + columns;

    private static void CheckDimension(string name, int value)
    {
        if (value < 0) ThrowHelper.OutOfRange(name, value, "0 or more.");
    }

    private static void CheckLeading(string name, int value, int width, string what)
    {
        if (value < Math.Max(1, width)) ThrowHelper.OutOfRange(name, value, $"at least max(1, {what}) = {Math.Max(1, width)}.");
    }

    private static void CheckLength(string name, int length, long needed)
    {
        if (length < needed) ThrowHelper.Argument(name, $"{name} holds {length} floats; the matrix with its leading dimension needs {needed}.");
    }
}
