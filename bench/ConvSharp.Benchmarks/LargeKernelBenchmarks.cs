using System;
using BenchmarkDotNet.Attributes;
using OpenCvSharp;

namespace ConvSharp.Benchmarks;

/// <summary>
/// Random kernels from 9×9 up on the notebook's 1024×1024 image (Same, Constant(0)), where Auto takes Winograd: the
/// direct Simd path against Winograd's F(3, 3) down the columns, prepared once (as a caller who reuses a kernel would),
/// beside OpenCV's filter2D (the Ratio column's baseline). Allocated shows what a prepared call allocates.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class LargeKernelBenchmarks : IDisposable
{
    private float[] _image = [];
    private float[] _output = [];
    private PreparedConvolution? _simd;
    private PreparedConvolution? _winograd;
    private Mat? _cvImage;
    private Mat? _cvKernel;
    private Mat? _cvOutput;

    [Params(9, 11, 15)]
    public int KernelSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int n = NotebookProblem.Size;
        _image = NotebookProblem.Image();
        float[] kernel = NotebookProblem.Kernel(KernelSize);
        _output = new float[_image.Length];
        var taps = new ReadOnlyPlane2D(kernel, KernelSize, KernelSize);
        _simd = Conv2D.Plan(n, n, KernelSize, KernelSize, new Conv2DOptions { Algorithm = "Simd" }).Prepare(taps);
        _winograd = Conv2D.Plan(n, n, KernelSize, KernelSize, new Conv2DOptions { Algorithm = "Winograd" }).Prepare(taps);
        _cvImage = Mat.FromPixelData(n, n, MatType.CV_32FC1, _image);
        _cvKernel = Mat.FromPixelData(KernelSize, KernelSize, MatType.CV_32FC1, kernel);
        _cvOutput = new Mat(n, n, MatType.CV_32FC1);
    }

    [Benchmark(Baseline = true, Description = "OpenCV filter2D")]
    public void OpenCv() => Cv2.Filter2D(_cvImage!, _cvOutput!, MatType.CV_32F, _cvKernel!, new Point(-1, -1), 0, BorderTypes.Constant);

    [Benchmark]
    public void Simd() => Run(_simd!);

    [Benchmark]
    public void Winograd() => Run(_winograd!);

    [GlobalCleanup]
    public void Dispose()
    {
        _simd?.Dispose();
        _winograd?.Dispose();
        _cvImage?.Dispose();
        _cvKernel?.Dispose();
        _cvOutput?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Run(PreparedConvolution prepared) =>
        prepared.Execute(
            new ReadOnlyPlane2D(_image, NotebookProblem.Size, NotebookProblem.Size),
            new Plane2D(_output, NotebookProblem.Size, NotebookProblem.Size));
}
