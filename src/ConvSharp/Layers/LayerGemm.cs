using System;
using ConvSharp.GemmKernels;

namespace ConvSharp.Layers;

/// <summary>
/// The product every GEMM-based layer algorithm ends in: one group's weights (O/g × K, row-major) times K × columns of
/// input (the im2col panel, or the input planes themselves for 1×1), into O/g output-channel rows of C at pitch
/// <c>ldc</c>. With a bias, C's rows are first filled with it and the product is added (beta = 1).
/// </summary>
internal static unsafe class LayerGemm
{
    /// <summary>The product with B already in the SGEMM's packed layout (<see cref="GemmDriver.PackedBOffset"/>); A is packed per call.</summary>
    public static void MultiplyPacked(float* weights, int outputs, int depth, float* packedB, int columns, float* c, long ldc, float* bias, ExecutionContext context)
    {
        FillBias(outputs, columns, c, ldc, bias);
        var product = new GemmOperands(outputs, columns, depth, 1f, weights, depth, 1, null, columns, 1, bias is null ? 0f : 1f, c, ldc);
        GemmDriver.RunPackedB(in product, packedB, context);
    }

    /// <summary>The product with the weights packed once, in Prepare (<see cref="GemmPackedA"/>); B (ldb apart) is packed per call.</summary>
    public static void MultiplyPacked(GemmPackedA weights, float* b, long ldb, int columns, float* c, long ldc, float* bias, ExecutionContext context)
    {
        FillBias(weights.M, columns, c, ldc, bias);
        var product = new GemmOperands(weights.M, columns, weights.K, 1f, null, weights.K, 1, b, ldb, 1, bias is null ? 0f : 1f, c, ldc);
        GemmDriver.RunPackedA(in product, weights, context);
    }

    /// <summary>
    /// The channels-last product: <paramref name="rows"/> pixels of input (their channels <paramref name="lda"/> apart,
    /// read in place) times the weights packed once as op(B) (<see cref="GemmPackedB"/>, C/g × O/g), into rows of C at
    /// pitch <paramref name="ldc"/>. With a bias, each row is first filled with it.
    /// </summary>
    public static void MultiplyStridedA(GemmPackedB weights, float* a, long lda, int rows, float* c, long ldc, float* bias, ExecutionContext context)
    {
        if (bias is not null)
        {
            var values = new ReadOnlySpan<float>(bias, weights.N);
            for (int r = 0; r < rows; r++) values.CopyTo(new Span<float>(c + (r * ldc), weights.N));
        }

        var product = new GemmOperands(rows, weights.N, weights.K, 1f, a, lda, 1, null, weights.N, 1, bias is null ? 0f : 1f, c, ldc);
        GemmDriver.RunPackedBStridedA(in product, weights, context);
    }

    private static void FillBias(int outputs, int columns, float* c, long ldc, float* bias)
    {
        if (bias is null) return;
        for (int o = 0; o < outputs; o++) new Span<float>(c + (o * ldc), columns).Fill(bias[o]);
    }
}
