using System;
using System.Collections.Generic;
using System.Linq;
using ConvSharp.Layers;

namespace ConvSharp.Tests.Infrastructure;

/// <summary>The layer's conformance sweep: random problems, every algorithm that takes each one on 1 and 3 threads, against the reference.</summary>
internal static class LayerCases
{
    /// <summary>
    /// Checks <paramref name="count"/> random problems drawn from <paramref name="seed"/>; returns the failures. Exact
    /// algorithms must match the reference bit for bit on small integers; Bounded ones stay within their bound, on small
    /// integers and on uniform floats. <paramref name="winogradShapes"/> draws only 3×3 kernels at stride and dilation 1.
    /// </summary>
    public static List<string> Check(int seed, int count, bool winogradShapes = false)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        for (int done = 0; done < count;)
        {
            var (problem, options) = RandomProblem(random, winogradShapes);
            if (problem is null) continue;
            done++;
            foreach (bool integers in new[] { true, false })
            {
                var input = integers ? Integers(random, problem.InputLength) : Uniform(random, problem.InputLength);
                var weights = integers ? Integers(random, problem.WeightLength) : Uniform(random, problem.WeightLength);
                var bias = !problem.HasBias ? [] : integers ? Integers(random, problem.OutputChannels) : Uniform(random, problem.OutputChannels);
                var expected = Run(problem, options with { Algorithm = "Reference" }, weights, bias, input, 1);
                foreach (var algorithm in Conv2DLayer.Algorithms.Where(a => a.Name != "Reference" && a.Supports(problem, out _)))
                {
                    bool bounded = algorithm.Accuracy == Conv2DAccuracy.Bounded;
                    if (!integers && !bounded) continue;
                    foreach (int threads in new[] { 1, 3 })
                    {
                        // Channels-last too (natively where the algorithm can, else reordered around it), on one draw of the two.
                        foreach (var layout in integers ? new[] { TensorLayout.Nchw, TensorLayout.Nhwc } : [TensorLayout.Nchw])
                        {
                            var actual = layout == TensorLayout.Nchw
                                ? Run(problem, options with { Algorithm = algorithm.Name }, weights, bias, input, threads)
                                : ChannelsFirst(Run(problem, options with { Algorithm = algorithm.Name, Layout = layout }, weights, bias, ChannelsLast(input, problem.Batch, problem.InputChannels), threads), problem.Batch, problem.OutputChannels);
                            string? failure = bounded ? OutsideBound(problem, algorithm, weights, bias, input, expected, actual) : FirstDifference(expected, actual);
                            if (failure is not null) failures.Add($"{algorithm.Name} ({threads} threads, {(integers ? "integers" : "floats")}, {layout}) on {problem}: {failure}");
                        }
                    }
                }
            }
        }

        return failures;
    }

    /// <summary>The first output farther from the reference than <paramref name="algorithm"/>'s documented bound, or null.</summary>
    public static string? OutsideBound(Conv2DLayerProblem problem, LayerAlgorithm algorithm, float[] weights, float[] bias, float[] input, float[] expected, float[] actual)
    {
        double maxInput = input.Max(v => Math.Abs((double)v)), relative = algorithm.ErrorBound(problem);
        long plane = (long)problem.OutputHeight * problem.OutputWidth, filter = problem.WeightLength / problem.OutputChannels;
        for (long i = 0; i < actual.Length; i++)
        {
            int o = (int)(i / plane % problem.OutputChannels);
            double sumAbs = 0;
            for (long k = 0; k < filter; k++) sumAbs += Math.Abs((double)weights[(o * filter) + k]);
            double bound = (relative * sumAbs * maxInput) + (Math.Pow(2, -23) * (bias.Length > 0 ? Math.Abs((double)bias[o]) : 0)) + (Math.Pow(2, -24) * Math.Abs((double)expected[i]));
            if (!(Math.Abs((double)actual[i] - expected[i]) <= bound)) return $"out[{i}] = {actual[i]}, reference {expected[i]}, bound {bound:G3}";
        }

        return null;
    }

    /// <summary>N × C × P (channels first) to N × P × C.</summary>
    public static float[] ChannelsLast(float[] data, int batch, int channels) => Transpose(data, batch, channels, data.Length / batch / channels, toLast: true);

    /// <summary>N × P × C (channels last) to N × C × P.</summary>
    public static float[] ChannelsFirst(float[] data, int batch, int channels) => Transpose(data, batch, channels, data.Length / batch / channels, toLast: false);

    private static float[] Transpose(float[] data, int batch, int channels, int pixels, bool toLast)
    {
        var result = new float[data.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < pixels; p++)
                {
                    int first = (((n * channels) + c) * pixels) + p, last = (((n * pixels) + p) * channels) + c;
                    if (toLast) result[last] = data[first];
                    else result[first] = data[last];
                }
            }
        }

        return result;
    }

    private static string? FirstDifference(float[] expected, float[] actual)
    {
        int bad = Enumerable.Range(0, actual.Length).FirstOrDefault(i => actual[i] != expected[i], -1);
        return bad < 0 ? null : $"out[{bad}] = {actual[bad]}, reference {expected[bad]}";
    }

    public static float[] Run(Conv2DLayerProblem problem, Conv2DLayerOptions options, float[] weights, float[] bias, float[] input, int threads)
    {
        var layer = new Conv2DLayer(weights, problem.OutputChannels, problem.KernelHeight, problem.KernelWidth, bias, options);
        return layer.Forward(input, problem.Batch, problem.InputHeight, problem.InputWidth, new ExecutionContext { MaxDegreeOfParallelism = threads, MinimumWorkPerBand = 1 });
    }

    /// <summary>
    /// Zero-padded 3×3 depthwise layers (the framed planes, <c>LayerPlaneStencil3x3</c>) against Simd run plane by plane
    /// through the planner, plus the bias, on random reals: every output must carry the same bits. Heights cover every
    /// remainder of the three-row block, widths one vector, two and odd tails. Returns the failures.
    /// </summary>
    public static List<string> CheckFramedDepthwise(int threads)
    {
        var failures = new List<string>();
        var random = new Random(31);
        foreach (int h in new[] { 1, 2, 3, 4, 5, 7, 13, 29 })
        {
            foreach (int w in new[] { 4, 8, 9, 16, 17, 31, 40 })
            {
                const int batch = 2, channels = 3;
                var options = new Conv2DLayerOptions { Groups = channels, Padding = LayerPadding.Same };
                var problem = Conv2DLayerProblem.Create(batch, channels, h, w, channels, 3, 3, options, hasBias: true);
                if (Layers.LayerPlaneStencil3x3.Applies(problem) != (w >= 4 && System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated))
                    failures.Add($"framed planes: Applies is wrong for {problem}");
                float[] weights = Reals(random, problem.WeightLength), bias = Reals(random, channels), input = Reals(random, problem.InputLength);
                var actual = Run(problem, options, weights, bias, input, threads);
                for (int i = 0; i < batch * channels; i++)
                {
                    int channel = i % channels;
                    var expected = new float[h * w];
                    Conv2D.Apply(
                        new ReadOnlyPlane2D(input.AsSpan(i * h * w, h * w), h, w), new ReadOnlyPlane2D(weights.AsSpan(channel * 9, 9), 3, 3),
                        new Plane2D(expected, h, w), new Conv2DOptions { Algorithm = "Simd" });
                    for (int j = 0; j < expected.Length; j++) expected[j] += bias[channel];
                    if (!expected.AsSpan().SequenceEqual(actual.AsSpan(i * h * w, h * w))) failures.Add($"framed planes: {h} × {w}, plane {i}, {threads} threads differ from Simd");
                }
            }
        }

        return failures;
    }

    /// <summary>
    /// Channels-last depthwise layers through Planes' native path against the NCHW reference, on small integers (exact):
    /// a padding mode drawn per case, stride and dilation 1–2 (equal, so the sliding blocks run, and unequal), widths below, at and
    /// past the four- and eight-pixel blocks, channel counts with and without a tail past the vectors. Returns the failures.
    /// </summary>
    public static List<string> CheckChannelsLastDepthwise()
    {
        var failures = new List<string>();
        var random = new Random(41);
        var modes = new[] { LayerPaddingMode.Zeros, LayerPaddingMode.Reflect, LayerPaddingMode.Replicate, LayerPaddingMode.Circular };
        foreach (var (stride, dilation) in new[] { (1, 1), (2, 2), (1, 2), (2, 1) })
        {
            foreach (int w in new[] { 5, 9, 12, 19, 40 })
            {
                foreach (int channels in new[] { 3, 16, 35 })
                {
                    const int batch = 2, h = 6;
                    var mode = modes[random.Next(modes.Length)];
                    var options = new Conv2DLayerOptions { Groups = channels, Padding = LayerPadding.Symmetric(dilation), PaddingMode = mode, Stride = (stride, stride), Dilation = (dilation, dilation), Layout = TensorLayout.Nhwc };
                    var problem = Conv2DLayerProblem.Create(batch, channels, h, w, channels, 3, 3, options, hasBias: true);
                    float[] input = Integers(random, problem.InputLength), weights = Integers(random, problem.WeightLength), bias = Integers(random, channels);
                    var expected = ChannelsLast(Run(problem, options with { Algorithm = "Reference", Layout = TensorLayout.Nchw }, weights, bias, input, 1), batch, channels);
                    var actual = Run(problem, options with { Algorithm = "Planes" }, weights, bias, ChannelsLast(input, batch, channels), 3);
                    if (!expected.AsSpan().SequenceEqual(actual)) failures.Add($"channels-last depthwise: {problem} ({mode}) differs from the reference");
                }
            }
        }

        return failures;
    }

    public static float[] Reals(Random random, long length)
    {
        var data = new float[length];
        for (long i = 0; i < length; i++) data[i] = (float)((random.NextDouble() * 2) - 1);
        return data;
    }

    public static float[] Integers(Random random, long length) => Enumerable.Range(0, (int)length).Select(_ => (float)random.Next(-4, 5)).ToArray();

    public static float[] Uniform(Random random, long length) => Enumerable.Range(0, (int)length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

    /// <summary>N 1..3, C and O 1..70, H and W 1..40, k 1..5, stride 1..3, dilation 1..2, groups, every padding mode; null when the draw is invalid or too large for the reference.</summary>
    private static (Conv2DLayerProblem? Problem, Conv2DLayerOptions Options) RandomProblem(Random random, bool winogradShapes)
    {
        int groups = random.Next(4) switch { 0 => 1, 1 => 2, 2 => 3, _ => 0 };   // 0: depthwise
        int channels = random.Next(1, 71), outputs = random.Next(1, 71);
        if (groups == 0)
        {
            groups = channels;
            outputs = channels * random.Next(1, 3);
        }

        channels = Math.Max(groups, channels / groups * groups);
        outputs = Math.Max(groups, outputs / groups * groups);
        int kh = random.Next(1, 6), kw = random.Next(1, 6);
        var mode = (LayerPaddingMode)random.Next(4);
        int h = random.Next(1, 41), w = random.Next(1, 41);
        var padding = random.Next(3) switch
        {
            0 => LayerPadding.Valid,
            1 => LayerPadding.Same,
            _ => LayerPadding.Explicit(random.Next(0, 4), random.Next(0, 4), random.Next(0, 4), random.Next(0, 4)),
        };
        var options = new Conv2DLayerOptions
        {
            Stride = (random.Next(1, 4), random.Next(1, 4)),
            Dilation = (random.Next(1, 3), random.Next(1, 3)),
            Padding = padding,
            PaddingMode = mode,
            Groups = groups,
        };

        // One in five is a plain 1×1-able shape (stride 1, no padding), so the pointwise path is drawn too.
        if (random.Next(5) == 0) options = options with { Stride = (1, 1), Dilation = (1, 1), Padding = LayerPadding.Valid };
        if (random.Next(5) == 0) kh = 1;
        if (random.Next(5) == 0) kw = 1;
        if (winogradShapes) (kh, kw, options) = (3, 3, options with { Stride = (1, 1), Dilation = (1, 1) });
        try
        {
            var problem = Conv2DLayerProblem.Create(random.Next(1, 4), channels, h, w, outputs, kh, kw, options, random.Next(2) == 0);
            return problem.MultiplyAdds > 3_000_000 ? (null, options) : (problem, options);
        }
        catch (ArgumentException)
        {
            return (null, options);
        }
    }
}
