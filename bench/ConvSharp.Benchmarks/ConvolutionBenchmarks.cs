using BenchmarkDotNet.Attributes;

namespace ConvSharp.Benchmarks;

/// <summary>1024×1024 float32, Same, Constant(0): every fast algorithm at 3×3, 5×5 and 7×7 (Naive at 3×3 only; it is the 1× row).</summary>
[MemoryDiagnoser]
public class ConvolutionBenchmarks
{
    private float[] _image = [];
    private float[] _kernel = [];
    private float[] _output = [];
    private Conv2DOptions _options = Conv2DOptions.Default;

    [Params(3, 5, 7)]
    public int KernelSize { get; set; }

    [ParamsSource(nameof(AlgorithmNames))]
    public string Algorithm { get; set; } = "";

    public static string[] AlgorithmNames => ["Naive", "Direct", "Parallel", "Simd", "Stencil"];

    [GlobalSetup]
    public void Setup()
    {
        _image = NotebookProblem.Image();
        _kernel = NotebookProblem.Kernel(KernelSize);
        _output = new float[_image.Length];
        _options = new Conv2DOptions { Algorithm = Algorithm };
    }

    [Benchmark]
    public void Convolve() =>
        Conv2D.Apply(
            new ReadOnlyPlane2D(_image, NotebookProblem.Size, NotebookProblem.Size),
            new ReadOnlyPlane2D(_kernel, KernelSize, KernelSize),
            new Plane2D(_output, NotebookProblem.Size, NotebookProblem.Size),
            _options);
}
