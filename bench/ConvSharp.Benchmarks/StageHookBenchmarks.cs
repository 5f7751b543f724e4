using BenchmarkDotNet.Attributes;

namespace ConvSharp.Benchmarks;

/// <summary>
/// What the stage hooks cost: a prepared call on a tiny problem (32×32, 3×3, one thread), where a fixed per-call cost
/// shows, without a profiler (the hooks' null test only), with a profiler, and through the one-shot <c>Conv2D.Apply</c>
/// (plan-cache lookup and preparation included).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class StageHookBenchmarks
{
    private const int N = 32;
    private readonly float[] _input = NotebookProblem.Image(N);
    private readonly float[] _kernel = NotebookProblem.Kernel(3);
    private readonly float[] _output = new float[N * N];
    private readonly ExecutionContext _plain = new() { MaxDegreeOfParallelism = 1 };
    private readonly ExecutionContext _profiled = new() { MaxDegreeOfParallelism = 1, Profiler = new StageProfiler() };
    private readonly Conv2DOptions _options = new() { Algorithm = "Stencil", MaxDegreeOfParallelism = 1 };
    private PreparedConvolution? _prepared;

    [GlobalSetup]
    public void Setup() => _prepared = Conv2D.Plan(N, N, 3, 3, _options).Prepare(new ReadOnlyPlane2D(_kernel, 3, 3));

    [Benchmark(Baseline = true, Description = "prepared, no profiler")]
    public void Plain() => _prepared!.Execute(new ReadOnlyPlane2D(_input, N, N), new Plane2D(_output, N, N), _plain);

    [Benchmark(Description = "prepared, profiler")]
    public void Profiled() => _prepared!.Execute(new ReadOnlyPlane2D(_input, N, N), new Plane2D(_output, N, N), _profiled);

    [Benchmark(Description = "Conv2D.Apply (plan cache + prepare)")]
    public void OneShot() => Conv2D.Apply(new ReadOnlyPlane2D(_input, N, N), new ReadOnlyPlane2D(_kernel, 3, 3), new Plane2D(_output, N, N), _options);
}
