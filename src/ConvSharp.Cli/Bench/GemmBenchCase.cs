namespace ConvSharp.Cli.Bench;

/// <summary>One product of <c>--suite gemm</c>: C (m × n) = A (m × k) · B (k × n), row-major, tightly packed.</summary>
/// <param name="Name">The case's name (<c>sgemm512</c> … <c>sgemm4096</c>, <c>notebook1x9</c>).</param>
/// <param name="M">Rows of A and C.</param>
/// <param name="N">Columns of B and C.</param>
/// <param name="K">Depth.</param>
public sealed record GemmBenchCase(string Name, int M, int N, int K) : ISuiteCase
{
    /// <summary>The problem string of its rows: <c>m512n512k512</c>.</summary>
    public string Problem => $"m{M}n{N}k{K}";

    /// <summary>2·m·n·k.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <inheritdoc/>
    public double? Bytes => null;

    /// <summary>The suite's cases: square products at 512, 1024, 2048 and 4096, and the notebook's 1 × 9 · 9 × 1048576.</summary>
    public static GemmBenchCase[] Suite =>
    [
        new("sgemm512", 512, 512, 512),
        new("sgemm1024", 1024, 1024, 1024),
        new("sgemm2048", 2048, 2048, 2048),
        new("sgemm4096", 4096, 4096, 4096),
        new("notebook1x9", 1, 1 << 20, 9),
    ];
}
