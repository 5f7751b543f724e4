using System;
using ConvSharp.Borders;

namespace ConvSharp.Layers;

/// <summary>
/// The formula, literally, in double precision: out[n, o, y, x] = bias[o] + Σ_c Σ_i Σ_j in[n, g·C/g + c, y·sy + i·dy −
/// top, x·sx + j·dx − left] · w[o, c, i, j], with g = o ÷ (O/g) and the padding mode mapping indices outside the input.
/// The truth every layer test compares against.
/// </summary>
internal sealed class LayerReference : LayerAlgorithm
{
    public override string Name => "Reference";

    public override string Description => "The formula with double accumulation and the padding mode's index map: the truth every layer test uses.";

    public override bool Supports(Conv2DLayerProblem problem, out string reason)
    {
        reason = "native";
        return true;
    }

    internal override PreparedLayer Prepare(Conv2DLayerProblem problem, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias) =>
        new Prepared(problem, this, weights.ToArray(), bias.ToArray());

    /// <summary>One output sample, out[n, o, y, x], in double precision (NCHW input; empty bias for none).</summary>
    public static double At(Conv2DLayerProblem p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int n, int o, int y, int x)
    {
        int cg = p.GroupInputChannels, h = p.InputHeight, w = p.InputWidth, kh = p.KernelHeight, kw = p.KernelWidth;
        int g = o / p.GroupOutputChannels;
        var mode = p.Border.Mode;
        double sum = bias.Length > 0 ? bias[o] : 0;
        for (int c = 0; c < cg; c++)
        {
            long plane = ((long)n * p.InputChannels + (g * cg) + c) * h * w;
            for (int i = 0; i < kh; i++)
            {
                int row = BorderIndex.Map(((long)y * p.Stride.Y) + ((long)i * p.Dilation.Y) - p.Padding.Top, h, mode);
                if (row < 0) continue;
                for (int j = 0; j < kw; j++)
                {
                    int column = BorderIndex.Map(((long)x * p.Stride.X) + ((long)j * p.Dilation.X) - p.Padding.Left, w, mode);
                    if (column < 0) continue;
                    sum += (double)input[(int)(plane + ((long)row * w) + column)] * weights[(((o * cg) + c) * kh + i) * kw + j];
                }
            }
        }

        return sum;
    }

    private sealed class Prepared(Conv2DLayerProblem problem, LayerAlgorithm algorithm, float[] weights, float[] bias) : PreparedLayer(problem, algorithm)
    {
        public override void Execute(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context)
        {
            var p = Problem;
            for (int n = 0; n < p.Batch; n++)
            for (int o = 0; o < p.OutputChannels; o++)
            for (int y = 0; y < p.OutputHeight; y++)
            for (int x = 0; x < p.OutputWidth; x++)
                output[(int)((((long)n * p.OutputChannels + o) * p.OutputHeight + y) * p.OutputWidth + x)] = (float)At(p, input, weights, bias, n, o, y, x);
        }
    }
}
