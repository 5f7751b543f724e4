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
    public static void Multiply(float* weights, int outputs, int depth, float* b, long ldb, int columns, float* c, long ldc, float* bias, ExecutionContext context)
    {
        if (bias is not null)
        {
            for (int o = 0; o < outputs; o++) new Span<float>(c + (o * ldc), columns).Fill(bias[o]);
        }

        var product = new GemmOperands(outputs, columns, depth, 1f, weights, depth, 1, b, ldb, 1, bias is null ? 0f : 1f, c, ldc);
        GemmDriver.Run(in product, context);
    }
}
