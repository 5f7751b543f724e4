using System;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Layers.Winograd;

/// <summary>
/// A layer prepared for <see cref="LayerWinograd"/> on one vector width: the weights transformed once into U (per group,
/// per transform point, per strip of output channels: C/g × Columns, what the product kernel reads), the bias padded to
/// whole vectors. Each call runs the batch's tile rows band by band: input transform, products, output transform.
/// </summary>
internal sealed unsafe class PreparedLayerWinograd<TOps, TVector> : PreparedLayer
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private readonly WinogradGeometry _geometry;
    private readonly float[] _u;
    private readonly float[] _bias;
    private readonly bool _channelsLast;

    public PreparedLayerWinograd(Conv2DLayerProblem problem, LayerAlgorithm algorithm, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, bool channelsLast)
        : base(problem, algorithm)
    {
        _channelsLast = channelsLast;
        _geometry = new WinogradGeometry(problem, TOps.Count);
        var g = _geometry;
        int cg = problem.GroupInputChannels, og = problem.GroupOutputChannels, columns = g.Columns;
        _u = new float[problem.Groups * g.WeightFloatsPerGroup];
        Span<float> point = stackalloc float[WinogradF4x3.Points];
        for (int group = 0; group < problem.Groups; group++)
        {
            for (int o = 0; o < og; o++)
            {
                int strip = o / columns, column = o % columns;
                for (int c = 0; c < cg; c++)
                {
                    long filter = ((((long)group * og) + o) * cg) + c;
                    WinogradF4x3.TransformWeights(weights.Slice((int)(filter * 9), 9), point);
                    for (int p = 0; p < WinogradF4x3.Points; p++)
                    {
                        long at = (group * g.WeightFloatsPerGroup) + ((((((long)p * g.Strips) + strip) * cg) + c) * columns) + column;
                        _u[at] = point[p];
                    }
                }
            }
        }

        _bias = new float[problem.Groups * g.OutputPad];
        for (int group = 0; group < problem.Groups && !bias.IsEmpty; group++) bias.Slice(group * og, og).CopyTo(_bias.AsSpan(group * g.OutputPad));
    }

    public override TensorLayout Layout => _channelsLast ? TensorLayout.Nhwc : TensorLayout.Nchw;

    public override void Execute(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context)
    {
        var g = _geometry;
        var p = Problem;
        int bands = ParallelRowIterator.MaxBands(context.Threads);
        float[] workspace = context.Workspace.Rent(p.InputWidth + g.TransformedInputFloats + g.ProductFloats + (bands * g.BandScratchFloats));
        try
        {
            fixed (float* x = input)
            fixed (float* y = output)
            fixed (float* u = _u)
            fixed (float* b = _bias)
            fixed (float* scratch = workspace)
            {
                float* fill = scratch, v = fill + p.InputWidth, m = v + g.TransformedInputFloats, bandScratch = m + g.ProductFloats;
                new Span<float>(fill, p.InputWidth).Clear();
                var plane = LayerRowSource.PlaneData(p, fill);
                for (int group = 0; group < p.Groups; group++)
                {
                    // A group's first channel: its first plane (NCHW), or its first channel of every pixel (NHWC).
                    float* groupInput = x + ((long)group * p.GroupInputChannels * (_channelsLast ? 1 : (long)p.InputHeight * p.InputWidth));
                    float* groupOutput = y + ((long)group * p.GroupOutputChannels * (_channelsLast ? 1 : (long)p.OutputHeight * p.OutputWidth));
                    float* groupU = u + (group * g.WeightFloatsPerGroup);
                    for (int first = 0; first < g.TotalRows; first += g.BandRows)
                    {
                        int rows = Math.Min(g.BandRows, g.TotalRows - first), tiles = rows * g.TilesX, tilePad = g.TilePad(rows);
                        long tileWork = (long)WinogradF4x3.Points * g.Lanes * g.TilesX;
                        using (context.Stage("input transform"))
                        {
                            ClearPadTiles(v, tiles, tilePad, g.ChannelPad);
                            ParallelRowIterator.For(g.ChannelBlocks * rows, tileWork, context, 1, new WinogradInputBands<TOps, TVector>(g, plane, groupInput, _channelsLast, first, rows, tilePad, v, bandScratch));
                        }

                        using (context.Stage("products"))
                        {
                            ParallelRowIterator.For(WinogradF4x3.Points * g.Strips, (long)tilePad * p.GroupInputChannels * g.Columns, context, 1, new WinogradProductBands<TOps, TVector>(g, groupU, tilePad, v, m));
                        }

                        using (context.Stage("output transform"))
                        {
                            ParallelRowIterator.For(g.OutputBlocks * rows, tileWork, context, 1, new WinogradOutputBands<TOps, TVector>(g, m, b + (group * g.OutputPad), groupOutput, _channelsLast, first, rows, tilePad, bandScratch));
                        }
                    }
                }
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    /// <summary>The tiles past the band's last, up to the product's multiple of six, read as zeros (their products are never used, but must not be NaN or denormal).</summary>
    private static void ClearPadTiles(float* v, int tiles, int tilePad, int channelPad)
    {
        if (tiles == tilePad) return;
        for (int point = 0; point < WinogradF4x3.Points; point++)
        {
            new Span<float>(v + ((((long)point * tilePad) + tiles) * channelPad), (tilePad - tiles) * channelPad).Clear();
        }
    }
}
