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

    private static void FillBias(int outputs, int columns, float* c, long ldc, float* bias)
    {
        if (bias is null) return;
        for (int o = 0; o < outputs; o++) new Span<float>(c + (o * ldc), columns).Fill(bias[o]);
    }
}
