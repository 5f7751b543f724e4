using System;
using BenchmarkDotNet.Attributes;
using OpenCvSharp;

namespace ConvSharp.Benchmarks;

/// <summary>
/// The notebook's problem and its bigger kernels: 1024×1024 float32, Same, Constant(0), kernels 3×3, 5×5 and 7×7.
/// Every algorithm and OpenCV's filter2D (BORDER_CONSTANT, the baseline of the Ratio column) run in the same process on
/// the same buffers, so the ratios compare like with like.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class NotebookBenchmarks : IDisposable
{
    private float[] _image = [];
    private float[] _kernel = [];
    private float[] _output = [];
    private Mat? _cvImage;
    private Mat? _cvKernel;
    private Mat? _cvOutput;
    private readonly System.Collections.Generic.Dictionary<string, Conv2DOptions> _options = new(StringComparer.Ordinal);

    [Params(3, 5, 7)]
    public int KernelSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _image = NotebookProblem.Image();
        _kernel = NotebookProblem.Kernel(KernelSize);
        _output = new float[_image.Length];
        _cvImage = Mat.FromPixelData(NotebookProblem.Size, NotebookProblem.Size, MatType.CV_32FC1, _image);
        _cvKernel = Mat.FromPixelData(KernelSize, KernelSize, MatType.CV_32FC1, _kernel);
        _cvOutput = new Mat(NotebookProblem.Size, NotebookProblem.Size, MatType.CV_32FC1);
        foreach (var name in new[] { "Naive", "Direct", "Parallel", "Simd", "Stencil", "Auto" })
            _options[name] = new Conv2DOptions { Algorithm = name };
    }

    [Benchmark(Baseline = true, Description = "OpenCV filter2D")]
    public void OpenCv() => Cv2.Filter2D(_cvImage!, _cvOutput!, MatType.CV_32F, _cvKernel!, new Point(-1, -1), 0, BorderTypes.Constant);

    [Benchmark]
    public void Naive() => Run("Naive");

    [Benchmark]
    public void Direct() => Run("Direct");

    [Benchmark]
    public void Parallel() => Run("Parallel");

    [Benchmark]
    public void Simd() => Run("Simd");

    [Benchmark]
    public void Stencil() => Run("Stencil");

    [Benchmark]
    public void Auto() => Run("Auto");

    [GlobalCleanup]
    public void Dispose()
    {
        _cvImage?.Dispose();
        _cvKernel?.Dispose();
        _cvOutput?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Run(string algorithm) =>
        Conv2D.Apply(
            new ReadOnlyPlane2D(_image, NotebookProblem.Size, NotebookProblem.Size),
            new ReadOnlyPlane2D(_kernel, KernelSize, KernelSize),
            new Plane2D(_output, NotebookProblem.Size, NotebookProblem.Size),
            _options[algorithm]);
}
