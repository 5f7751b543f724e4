using System;
using ConvSharp.Execution;

namespace ConvSharp.Layers;

/// <summary>
/// <see cref="LayerPlanes"/>' preparation: one prepared 2-D convolution per output channel. With at least as many planes
/// as threads, the planes run in parallel, each on one thread; with fewer (a single channel), each plane uses them all.
/// </summary>
internal sealed unsafe class PreparedLayerPlanes(Conv2DLayerProblem problem, LayerAlgorithm algorithm, PreparedConvolution[] planes, float[] bias) : PreparedLayer(problem, algorithm)
{
    public override void Execute(ReadOnlySpan<float> input, Span<float> output, ExecutionContext context)
    {
        var p = Problem;
        int count = p.Batch * p.OutputChannels;
        using var stage = context.Stage("planes");
        fixed (float* x = input)
        fixed (float* y = output)
        {
            if (count < context.Threads)
            {
                new PlaneBands(this, x, y, context).Invoke(0, 0, count);
                return;
            }

            var single = context with { MaxDegreeOfParallelism = 1, Profiler = null };
            ParallelRowIterator.For(count, p.MultiplyAdds / count, context, 1, new PlaneBands(this, x, y, single));
        }
    }

    /// <summary>Planes [start, end): plane i is image i ÷ O, channel i mod O (its input channel is the same one), each run with <paramref name="context"/>.</summary>
    private readonly struct PlaneBands(PreparedLayerPlanes owner, float* input, float* output, ExecutionContext context) : IRowBandOperation
    {
        public void Invoke(int band, int start, int end)
        {
            var p = owner.Problem;
            int inPlane = p.InputHeight * p.InputWidth, outPlane = p.OutputHeight * p.OutputWidth;
            for (int i = start; i < end; i++)
            {
                int channel = i % p.OutputChannels;
                var source = new ReadOnlyPlane2D(new ReadOnlySpan<float>(input + ((long)i * inPlane), inPlane), p.InputHeight, p.InputWidth);
                var target = new Span<float>(output + ((long)i * outPlane), outPlane);
                owner._planes[channel].Execute(source, new Plane2D(target, p.OutputHeight, p.OutputWidth), context);
                if (owner._bias.Length > 0)
                {
                    float b = owner._bias[channel];
                    for (int j = 0; j < target.Length; j++) target[j] += b;
                }
            }
        }
    }

    private readonly PreparedConvolution[] _planes = planes;
    private readonly float[] _bias = bias;
}
