using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using OpenCvSharp;

namespace ConvSharp.Benchmarks;

/// <summary>
/// `quick [k…] [n=1024] [t=-1] [align=64]`: medians of repeated Stopwatch runs, every algorithm, OpenCV and a plain copy
/// (the bandwidth floor) in one process, for development. Published numbers come from the BenchmarkDotNet suites.
/// </summary>
internal static class QuickTimer
{
    public static unsafe void Run(int[] kernelSizes, int n, int threads, int alignment)
    {
        // Pinned buffers, with the planes starting at the requested byte alignment (0: wherever the array starts).
        float[] imageBuffer = GC.AllocateArray<float>(n * n + 32, pinned: true);
        float[] outputBuffer = GC.AllocateArray<float>(n * n + 32, pinned: true);
        int imageOffset = Offset(imageBuffer, alignment), outputOffset = Offset(outputBuffer, alignment);
        NotebookProblem.Image(n).CopyTo(imageBuffer, imageOffset);
        var image = new ArraySegment<float>(imageBuffer, imageOffset, n * n);
        var output = new ArraySegment<float>(outputBuffer, outputOffset, n * n);

        foreach (int k in kernelSizes)
        {
            var kernel = NotebookProblem.Kernel(k);
            var rows = new List<(string Name, double Median)>();
            foreach (var algorithm in Conv2D.Algorithms)
            {
                if (algorithm.Name is "Reference" || (algorithm.Name is "Naive" && k > 3)) continue;
                var options = new Conv2DOptions { Algorithm = algorithm.Name, MaxDegreeOfParallelism = threads };
                if (!Conv2D.Plan(n, n, k, k, options).TryPrepare(new ReadOnlyPlane2D(kernel, k, k), out var prepared, out _)) continue;   // Separable: a full-rank kernel
                prepared.Dispose();
                rows.Add((algorithm.Name, Median(() => Conv2D.Apply(new ReadOnlyPlane2D(image, n, n), new ReadOnlyPlane2D(kernel, k, k), new Plane2D(output, n, n), options))));
            }

            try
            {
                using var src = Mat.FromPixelData(n, n, MatType.CV_32FC1, image.ToArray());
                using var ker = Mat.FromPixelData(k, k, MatType.CV_32FC1, kernel);
                using var dst = new Mat(n, n, MatType.CV_32FC1);
                rows.Add(("OpenCV filter2D", Median(() => Cv2.Filter2D(src, dst, MatType.CV_32F, ker, new Point(-1, -1), 0, BorderTypes.Constant))));
            }
            catch (Exception e) when (e is TypeInitializationException or DllNotFoundException)
            {
                Console.WriteLine($"OpenCV unavailable: {e.GetBaseException().Message}");
            }

            int threadsUsed = threads < 1 ? Environment.ProcessorCount : threads;
            rows.Add(("copy (floor)", Median(() => Parallel.For(0, threadsUsed, t =>
            {
                int chunk = image.Count / threadsUsed;
                image.AsSpan(t * chunk, chunk).CopyTo(output.AsSpan(t * chunk, chunk));
            }))));

            double direct = rows.Find(r => r.Name == "Direct").Median;
            double opencv = rows.Find(r => r.Name == "OpenCV filter2D").Median;
            Console.WriteLine($"{n}x{n}, {k}x{k}, Same, Constant(0), threads {threads}, alignment {alignment}");
            foreach (var (name, median) in rows)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-16} {median,9:F3} ms   vs Direct {direct / median,6:F1}x   vs OpenCV {median / opencv,5:F2}"));
        }
    }

    private static unsafe int Offset(float[] pinned, int alignment)
    {
        if (alignment <= 0) return 0;
        fixed (float* p = pinned) return (int)((alignment - ((nint)p % alignment)) % alignment) / sizeof(float);
    }

    private static double Median(Action action)
    {
        action();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || (total.Elapsed.TotalSeconds < 0.5 && times.Count < 2000))
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
