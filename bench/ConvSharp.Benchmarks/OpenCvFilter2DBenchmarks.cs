using BenchmarkDotNet.Attributes;
using OpenCvSharp;

namespace ConvSharp.Benchmarks;

/// <summary>The peer: OpenCV's filter2D on the same image and kernels, BORDER_CONSTANT (zero), same-size output.</summary>
[MemoryDiagnoser]
public class OpenCvFilter2DBenchmarks
{
    private Mat _image = new();
    private Mat _kernel = new();
    private Mat _output = new();

    [Params(3, 5, 7)]
    public int KernelSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _image = Mat.FromPixelData(NotebookProblem.Size, NotebookProblem.Size, MatType.CV_32FC1, NotebookProblem.Image());
        _kernel = Mat.FromPixelData(KernelSize, KernelSize, MatType.CV_32FC1, NotebookProblem.Kernel(KernelSize));
        _output = new Mat(NotebookProblem.Size, NotebookProblem.Size, MatType.CV_32FC1);
    }

    [Benchmark]
    public void Filter2D() => Cv2.Filter2D(_image, _output, MatType.CV_32F, _kernel, new Point(-1, -1), 0, BorderTypes.Constant);

    [GlobalCleanup]
    public void Cleanup()
    {
        _image.Dispose();
        _kernel.Dispose();
        _output.Dispose();
    }
}
