using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ConvSharp.SideBySide;

/// <summary>
/// Two ConvSharp builds in one process, each in its own load context, timed in alternating blocks on the same buffers, so
/// both see the same machine at the same moments: on a shared VM whose speed drifts by 2× within minutes, the ratio of
/// the two is steady where their separate runs are not.
/// <code>
/// SideBySide run A_FOLDER B_FOLDER THREADS ROUNDS [CASE,...] > out.tsv   rows: case, A ms, B ms, median B/A, quartiles
/// SideBySide combine AB.tsv BA.tsv                                        B/A with the builds' load order cancelled
/// </code>
/// </summary>
internal static class Program
{
    private const int BlockCalls = 21;

    public static int Main(string[] args)
    {
        if (args.Length >= 5 && args[0] == "run") return Run(args[1], args[2], Parse(args[3]), Parse(args[4]), args.Length > 5 ? args[5] : null);
        if (args.Length == 3 && args[0] == "combine") return Combine(args[1], args[2]);
        Console.Error.WriteLine("usage: SideBySide run A_FOLDER B_FOLDER THREADS ROUNDS [CASE,...] | combine AB.tsv BA.tsv");
        return 2;
    }

    private static int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static int Run(string folderA, string folderB, int threads, int rounds, string? only)
    {
        var createA = Load(folderA);
        var createB = Load(folderB);
        var buffers = new Dictionary<(int, int, double), (float[] Input, float[] Kernel, float[] Output)>();
        bool ownBuffers = Environment.GetEnvironmentVariable("SIDEBYSIDE_OWN_BUFFERS") == "1";   // B gets arrays of its own: how much addresses alone move a build
        foreach (var c in SideBySideCase.Select(only))
        {
            Func<double> callA, callB;
            if (c.Layer is { } shape)
            {
                // A layer: its own seeded tensors (the same for both builds), weights in [0, 1) as the layers suite's; an XNOR
                // layer's input in [−1, 1) as the binary suite's, since all-positive data would make every sign +1.
                var random = new Random(1);
                float[] input = Fill(new float[shape.InputLength], random), weights = Fill(new float[shape.WeightLength], random), output = new float[shape.OutputLength];
                if (shape.Binary) for (int i = 0; i < input.Length; i++) input[i] = (2 * input[i]) - 1;
                callA = LayerCall(folderA, c, shape, threads, input, weights, output);
                if (ownBuffers)
                {
                    (input, output) = (Fill(new float[shape.InputLength], new Random(1)), new float[shape.OutputLength]);
                    if (shape.Binary) for (int i = 0; i < input.Length; i++) input[i] = (2 * input[i]) - 1;
                }

                callB = LayerCall(folderB, c, shape, threads, input, weights, output);
            }
            else
            {
                if (!buffers.TryGetValue((c.Size, c.KernelSize, c.GaussianSigma), out var arrays))
                {
                    var random = new Random(1);
                    arrays = (Fill(new float[c.Size * c.Size], random), c.Kernel(random), new float[c.Size * c.Size]);
                    buffers[(c.Size, c.KernelSize, c.GaussianSigma)] = arrays;
                }

                callA = createA(c.Algorithm, c.Size, c.KernelSize, threads, arrays.Input, arrays.Kernel, arrays.Output);
                if (ownBuffers) arrays = (Fill(new float[c.Size * c.Size], new Random(1)), arrays.Kernel, new float[c.Size * c.Size]);
                callB = createB(c.Algorithm, c.Size, c.KernelSize, threads, arrays.Input, arrays.Kernel, arrays.Output);
            }

            var warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < 1.5) { callA(); callB(); }   // both builds' code at its final tier

            var timesA = new List<double>();
            var timesB = new List<double>();
            var ratios = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                // A then B, B then A: a drift within the round falls on both alike.
                double ta, tb;
                if (r % 2 == 0) { ta = Block(callA); tb = Block(callB); }
                else { tb = Block(callB); ta = Block(callA); }
                timesA.Add(ta);
                timesB.Add(tb);
                ratios.Add(tb / ta);
            }

            ratios.Sort();
            Console.WriteLine(string.Join('\t', c.Key, F(Median(timesA)), F(Median(timesB)), F(ratios[rounds / 2]), F(ratios[rounds / 4]), F(ratios[3 * rounds / 4])));
        }

        return 0;
    }

    /// <summary>
    /// The same code loaded second runs a few per cent apart from the first (where the JIT puts it), so each pair of
    /// builds runs in both orders: B/A = √(r_AB / r_BA), and the geometric mean over the cases.
    /// </summary>
    private static int Combine(string pathAB, string pathBA)
    {
        var ab = Rows(pathAB);
        var ba = Rows(pathBA);
        double logs = 0;
        int count = 0;
        Console.WriteLine("case\tA ms\tB ms\tB/A (A first)\tA/B (B first)\tB/A combined");
        foreach (var (key, row) in ab)
        {
            if (!ba.TryGetValue(key, out var other)) continue;
            double combined = Math.Sqrt(row.Ratio / other.Ratio);
            logs += Math.Log(combined);
            count++;
            Console.WriteLine(string.Join('\t', key, F(row.A), F(row.B), F(row.Ratio), F(other.Ratio), F(combined)));
        }

        Console.WriteLine($"geometric mean\t\t\t\t\t{F(Math.Exp(logs / Math.Max(1, count)))}");
        return 0;
    }

    private static Dictionary<string, (double A, double B, double Ratio)> Rows(string path) =>
        File.ReadLines(path).Select(l => l.Split('\t')).Where(f => f.Length >= 4)
            .ToDictionary(f => f[0], f => (D(f[1]), D(f[2]), D(f[3])));

    private static Func<string, int, int, int, float[], float[], float[], Func<double>> Load(string folder)
    {
        var context = new BuildLoadContext(Path.GetFullPath(folder));
        var driver = context.LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(folder), "SideBySide.Driver.dll"));
        Contexts[Path.GetFullPath(folder)] = driver;
        var create = driver.GetType("ConvSharp.SideBySide.ConvolutionDriver")!.GetMethod("Create")!;
        return (algorithm, n, k, threads, input, kernel, output) => (Func<double>)create.Invoke(null, [algorithm, n, k, threads, input, kernel, output])!;
    }

    /// <summary>The layer timer of the build in <paramref name="folder"/> (its driver built with the layer).</summary>
    private static Func<double> LayerCall(string folder, SideBySideCase c, LayerShape shape, int threads, float[] input, float[] weights, float[] output)
    {
        var driver = Contexts[Path.GetFullPath(folder)];
        if (shape.Binary)
        {
            var binary = driver.GetType("ConvSharp.SideBySide.BinaryLayerDriver")?.GetMethod("Create")
                ?? throw new InvalidOperationException($"{folder}: the driver was built without the XNOR layer; run.sh builds it with -p:WithBinary=true when a binary case is named.");
            return (Func<double>)binary.Invoke(null, [c.Algorithm, shape.Batch, shape.Channels, shape.Size, shape.Outputs, shape.Kernel, shape.Padding, threads, input, weights, output])!;
        }

        var create = driver.GetType("ConvSharp.SideBySide.LayerDriver")?.GetMethod("Create")
            ?? throw new InvalidOperationException($"{folder}: the driver was built without the layer; run.sh builds it with -p:WithLayers=true when a layer case is named.");
        return (Func<double>)create.Invoke(null, [c.Algorithm, shape.Batch, shape.Channels, shape.Size, shape.Outputs, shape.Kernel, shape.Padding, shape.Groups, shape.ChannelsLast, threads, input, weights, output])!;
    }

    private static readonly Dictionary<string, System.Reflection.Assembly> Contexts = [];

    private static double Block(Func<double> call)
    {
        var times = new double[BlockCalls];
        for (int i = 0; i < times.Length; i++) times[i] = call();
        Array.Sort(times);
        return times[BlockCalls / 2];
    }

    private static float[] Fill(float[] values, Random random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        return values;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
