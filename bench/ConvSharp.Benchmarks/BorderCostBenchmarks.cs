using BenchmarkDotNet.Attributes;

namespace ConvSharp.Benchmarks;

/// <summary>
/// What the border costs the direct paths on one core: the same outputs (1024², a random K×K kernel) computed as a Same
/// problem with a zero border, from a 1024-float pitch (the case where every row shares one L1 set and the edges need
/// buffers), and as a Valid problem on the padded image, which has no border at all. Issue #6 measured Same at
/// 0.3–0.6× Valid's speed before the edge ring and the forward sweep of Simd's blocks, and 0.9–1.04× after.
/// </summary>
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class BorderCostBenchmarks
{
    private const int N = 1024;
    private readonly ExecutionContext _oneThread = new() { MaxDegreeOfParallelism = 1 };
    private float[] _same = [];
    private float[] _padded = [];
    private float[] _output = new float[N * N];
    private PreparedConvolution? _samePlan;
    private PreparedConvolution? _validPlan;

    [Params(5, 9)]
    public int K { get; set; }

    [Params("Simd")]
    public string Algorithm { get; set; } = "Simd";

    [GlobalSetup]
    public void Setup()
    {
        int p = N + K - 1;
        _same = NotebookProblem.Image(N);
        _padded = NotebookProblem.Image(p);
        var kernel = new ReadOnlyPlane2D(NotebookProblem.Kernel(K), K, K);
        _samePlan = Conv2D.Plan(N, N, K, K, new Conv2DOptions { Algorithm = Algorithm }).Prepare(kernel);
        _validPlan = Conv2D.Plan(p, p, K, K, new Conv2DOptions { Algorithm = Algorithm, Size = OutputSize.Valid }).Prepare(kernel);
    }

    [Benchmark(Baseline = true, Description = "Valid on the padded image (no border)")]
    public void Valid() => _validPlan!.Execute(new ReadOnlyPlane2D(_padded, N + K - 1, N + K - 1), new Plane2D(_output, N, N), _oneThread);

    [Benchmark(Description = "Same, zero border")]
    public void Same() => _samePlan!.Execute(new ReadOnlyPlane2D(_same, N, N), new Plane2D(_output, N, N), _oneThread);

    [GlobalCleanup]
    public void Cleanup()
    {
        _samePlan?.Dispose();
        _validPlan?.Dispose();
    }
}
