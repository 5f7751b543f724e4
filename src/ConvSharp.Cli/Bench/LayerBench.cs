using System;
using System.Collections.Generic;
using ConvSharp.Layers;

namespace ConvSharp.Cli.Bench;

/// <summary>
/// <c>--suite layers</c>: <see cref="Conv2DLayer"/> (Auto) on each case, verified at sampled outputs against the
/// double-precision reference (<see cref="Conv2DLayer.ReferenceAt"/>).
/// </summary>
public static class LayerBench
{
    /// <summary>Outputs checked per case.</summary>
    public const int Samples = 256;

    /// <summary>
    /// Seeded input and weights in [0, 1): every term is non-negative, so Σ|terms| is the exact sum itself. With
    /// <paramref name="symmetric"/>, uniform in [−1, 1) instead, as batch-normalised activations are: the binary suite's, where
    /// non-negative data would make every sign +1 and every count trivial.
    /// </summary>
    public static (float[] Input, float[] Weights) Operands(LayerBenchCase benchCase, bool symmetric = false)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        var problem = benchCase.Problem;
        var random = new Random(benchCase.Channels + (7 * benchCase.Outputs));
        var input = new float[problem.InputLength];
        var weights = new float[problem.WeightLength];
        double scale = symmetric ? 2 : 1, shift = symmetric ? -1 : 0;
        for (long i = 0; i < input.Length; i++) input[i] = (float)((random.NextDouble() * scale) + shift);
        for (long i = 0; i < weights.Length; i++) weights[i] = (float)((random.NextDouble() * scale) + shift);
        return (input, weights);
    }

    /// <summary>Times the layer (Auto, into one output buffer) with <paramref name="threads"/> threads (−1: all).</summary>
    public static SuiteRow RunOurs(LayerBenchCase benchCase, float[] input, float[] weights, int threads, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        var problem = benchCase.Problem;
        var layer = new Conv2DLayer(weights, problem.OutputChannels, problem.KernelHeight, problem.KernelWidth, options: benchCase.Options);
        var output = new float[problem.OutputLength];
        var context = new ExecutionContext { MaxDegreeOfParallelism = threads };
        var timing = Timing.Measure(() => layer.Forward(input, problem.Batch, problem.InputHeight, problem.InputWidth, output, context), maxSeconds: maxSeconds);
        var (error, verified) = Verify(benchCase, input, weights, output);
        string algorithm = layer.AlgorithmFor(problem.Batch, problem.InputHeight, problem.InputWidth).Name;
        return new SuiteRow(benchCase, $"Conv2DLayer (Auto: {algorithm})", false, "dotnet", timing, error, verified);
    }

    /// <summary>Our NCHW row (<see cref="RunOurs"/>), then the channels-last row where there is one (<see cref="RunOursChannelsLast"/>).</summary>
    public static IReadOnlyList<SuiteRow> RunOursInEachLayout(LayerBenchCase benchCase, float[] input, float[] weights, int threads, double maxSeconds)
    {
        var rows = new List<SuiteRow> { RunOurs(benchCase, input, weights, threads, maxSeconds) };
        if (RunOursChannelsLast(benchCase, input, weights, threads, maxSeconds) is { } channelsLast) rows.Add(channelsLast);
        return rows;
    }

    /// <summary>
    /// The same layer on the same tensors channels-last (N × H × W × C in, N × H' × W' × O out), timed the same way, where
    /// Auto's algorithm runs channels-last natively (torch's <c>channels_last</c> row is its counterpart); null elsewhere,
    /// where the layer would only reorder around the NCHW row's algorithm. Verified on its output turned back to NCHW.
    /// </summary>
    public static SuiteRow? RunOursChannelsLast(LayerBenchCase benchCase, float[] input, float[] weights, int threads, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        ArgumentNullException.ThrowIfNull(input);
        var problem = benchCase.Problem;
        var layer = new Conv2DLayer(weights, problem.OutputChannels, problem.KernelHeight, problem.KernelWidth, options: benchCase.Options with { Layout = TensorLayout.Nhwc });
        var algorithm = layer.AlgorithmFor(problem.Batch, problem.InputHeight, problem.InputWidth);
        if (!algorithm.RunsChannelsLast) return null;
        var channelsLast = Transpose(input, problem.Batch, problem.InputChannels, problem.InputHeight * problem.InputWidth, toLast: true);
        var output = new float[problem.OutputLength];
        var context = new ExecutionContext { MaxDegreeOfParallelism = threads };
        var timing = Timing.Measure(() => layer.Forward(channelsLast, problem.Batch, problem.InputHeight, problem.InputWidth, output, context), maxSeconds: maxSeconds);
        var nchw = Transpose(output, problem.Batch, problem.OutputChannels, problem.OutputHeight * problem.OutputWidth, toLast: false);
        var (error, verified) = Verify(benchCase, input, weights, nchw);
        return new SuiteRow(benchCase, $"Conv2DLayer NHWC (Auto: {algorithm.Name})", false, "dotnet", timing, error, verified);
    }

    /// <summary>N × C × P to N × P × C (<paramref name="toLast"/>), or back.</summary>
    private static float[] Transpose(float[] data, int batch, int channels, int pixels, bool toLast)
    {
        var result = new float[data.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < pixels; p++)
                {
                    long first = (((long)n * channels) + c) * pixels + p, last = (((long)n * pixels) + p) * channels + c;
                    if (toLast) result[last] = data[first];
                    else result[first] = data[last];
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The worst error over <see cref="Samples"/> outputs (the first and last, then seeded random ones) against the
    /// reference, relative to Σ|terms| (the output itself for the non-negative <see cref="Operands"/>), and whether each is
    /// within (terms + 2)·2⁻²³·Σ|terms| of it, or, where the layer runs a Bounded algorithm (Winograd), within that
    /// algorithm's documented <see cref="LayerAlgorithm.ErrorBound"/>·Σ|w_o|·max|x|. Signed data (the binary suite's) is
    /// checked the same way: Σ|terms| is the reference on |input| and |weights|.
    /// </summary>
    public static (double MaxRelativeError, bool Verified) Verify(LayerBenchCase benchCase, float[] input, float[] weights, float[] output)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        ArgumentNullException.ThrowIfNull(output);
        var p = benchCase.Problem;
        if (output.Length != p.OutputLength) return (double.PositiveInfinity, false);
        var layer = new Conv2DLayer(weights, p.OutputChannels, p.KernelHeight, p.KernelWidth, options: benchCase.Options);
        float[] absInput = Array.ConvertAll(input, Math.Abs), absWeights = Array.ConvertAll(weights, Math.Abs);
        var magnitudes = new Conv2DLayer(absWeights, p.OutputChannels, p.KernelHeight, p.KernelWidth, options: benchCase.Options);
        var random = new Random(11);
        long terms = (long)p.GroupInputChannels * p.KernelHeight * p.KernelWidth;
        var algorithm = layer.AlgorithmFor(p.Batch, p.InputHeight, p.InputWidth);
        double bounded = algorithm.Accuracy == Conv2DAccuracy.Bounded ? algorithm.ErrorBound(p) * MaxAbs(input) : 0;
        double worst = 0;
        bool verified = true;
        for (int s = 0; s < Samples; s++)
        {
            long index = s switch { 0 => 0, 1 => p.OutputLength - 1, _ => random.NextInt64(p.OutputLength) };
            int x = (int)(index % p.OutputWidth), y = (int)(index / p.OutputWidth % p.OutputHeight);
            int o = (int)(index / ((long)p.OutputWidth * p.OutputHeight) % p.OutputChannels), n = (int)(index / ((long)p.OutputWidth * p.OutputHeight * p.OutputChannels));
            double exact = layer.ReferenceAt(input, p.Batch, p.InputHeight, p.InputWidth, n, o, y, x);
            double magnitude = magnitudes.ReferenceAt(absInput, p.Batch, p.InputHeight, p.InputWidth, n, o, y, x);
            double error = Math.Abs(output[index] - exact);
            worst = Math.Max(worst, error / Math.Max(magnitude, double.Epsilon));
            double bound = bounded > 0 ? bounded * SumAbs(weights.AsSpan((int)(o * terms), (int)terms)) : (terms + 2) * Math.Pow(2, -23) * magnitude;
            verified &= error <= bound + 1e-30;
        }

        return (worst, verified);
    }

    private static double MaxAbs(float[] values)
    {
        double max = 0;
        foreach (float v in values) max = Math.Max(max, Math.Abs((double)v));
        return max;
    }

    private static double SumAbs(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values) sum += Math.Abs((double)v);
        return sum;
    }
}
