using System;
using System.Numerics;
using ConvSharp.Execution;

namespace ConvSharp.Layers;

/// <summary>
/// <see cref="LayerPlanes"/>' preparation: one prepared 2-D convolution per output channel. With at least as many planes
/// as threads, the planes run in parallel, each on one thread; with fewer (a single channel), each plane uses them all.
/// Small zero-padded 3×3 planes skip the planner's border machinery (<see cref="LayerPlaneStencil3x3"/>), with the same bits.
/// </summary>
internal sealed unsafe class PreparedLayerPlanes(Conv2DLayerProblem problem, LayerAlgorithm algorithm, PreparedConvolution[] planes, float[] weights, float[] bias) : PreparedLayer(problem, algorithm)
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
                new PlaneBands(this, x, y, context, null, 0).Invoke(0, 0, count);
                return;
            }

            var single = context with { MaxDegreeOfParallelism = 1, Profiler = null };
            if (!LayerPlaneStencil3x3.Applies(p))
            {
                ParallelRowIterator.For(count, p.MultiplyAdds / count, context, 1, new PlaneBands(this, x, y, single, null, 0));
                return;
            }

            long bandFloats = LayerPlaneStencil3x3.ScratchFloats(p.InputWidth);
            float[] workspace = context.Workspace.Rent(bandFloats * ParallelRowIterator.MaxBands(context.Threads));
            try
            {
                fixed (float* scratch = workspace)
                {
                    ParallelRowIterator.For(count, p.MultiplyAdds / count, context, 1, new PlaneBands(this, x, y, single, scratch, bandFloats));
                }
            }
            finally
            {
                Workspace.Return(workspace);
            }
        }
    }

    /// <summary>
    /// Planes [start, end): plane i is image i ÷ O, channel i mod O (its input channel is the same one), each run with
    /// <paramref name="context"/>, or framed in the band's slice of <paramref name="scratch"/> when there is one.
    /// </summary>
    private readonly struct PlaneBands(PreparedLayerPlanes owner, float* input, float* output, ExecutionContext context, float* scratch, long bandFloats) : IRowBandOperation
    {
        public void Invoke(int band, int start, int end)
        {
            var p = owner.Problem;
            int inPlane = p.InputHeight * p.InputWidth, outPlane = p.OutputHeight * p.OutputWidth;
            float* frame = scratch is null ? null : scratch + (band * bandFloats);
            if (frame is not null) LayerPlaneStencil3x3.Clear(frame, p.InputWidth);
            fixed (float* weights = owner._weights)
            {
                for (int i = start; i < end; i++)
                {
                    int channel = i % p.OutputChannels;
                    float* source = input + ((long)i * inPlane), target = output + ((long)i * outPlane);
                    if (frame is not null)
                    {
                        LayerPlaneStencil3x3.Run(source, target, p.InputHeight, p.InputWidth, weights + (channel * 9), frame);
                    }
                    else
                    {
                        var plane = new ReadOnlyPlane2D(new ReadOnlySpan<float>(source, inPlane), p.InputHeight, p.InputWidth);
                        owner._planes[channel].Execute(plane, new Plane2D(new Span<float>(target, outPlane), p.OutputHeight, p.OutputWidth), context);
                    }

                    if (owner._bias.Length > 0) AddBias(new Span<float>(target, outPlane), owner._bias[channel]);
                }
            }
        }
    }

    /// <summary>Adds <paramref name="bias"/> to every element, a vector at a time (each sum rounds as the scalar sum does).</summary>
    private static void AddBias(Span<float> plane, float bias)
    {
        var b = new Vector<float>(bias);
        int j = 0;
        for (; j <= plane.Length - Vector<float>.Count; j += Vector<float>.Count) (new Vector<float>(plane[j..]) + b).CopyTo(plane[j..]);
        for (; j < plane.Length; j++) plane[j] += bias;
    }

    private readonly PreparedConvolution[] _planes = planes;
    private readonly float[] _weights = weights;
    private readonly float[] _bias = bias;
}
