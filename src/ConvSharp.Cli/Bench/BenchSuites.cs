using System;
using System.Collections.Generic;
using ConvSharp.Cli.IO;
using ConvSharp.Cli.Kernels;

namespace ConvSharp.Cli.Bench;

/// <summary>The problems of each <c>--suite</c>.</summary>
public static class BenchSuites
{
    /// <summary>Suites that run now.</summary>
    public static readonly string[] Available = ["seed", "kernels", "separable", "large", "gemm", "layers", "binary"];

    /// <summary>Suites that later issues fill; asking for one says so and fails.</summary>
    public static readonly string[] Planned = ["gpu"];

    /// <summary>The seeded random kernel of the seed suite: the notebook's <c>np.random.rand(3, 3)</c>.</summary>
    public const string SeedKernel = "random:3:2026";

    /// <summary>Builds the cases of <paramref name="suite"/>.</summary>
    public static IReadOnlyList<BenchCase> Build(string suite, Matrix? image, int? size, string? kernel, Conv2DOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (suite)
        {
            case "seed":
            {
                var input = image ?? BuiltInImage.Create(size ?? 1024);
                var k = KernelParser.Parse(kernel ?? SeedKernel);
                return [Case("seed", input, k, options)];
            }

            case "kernels":
            {
                RequireNoKernel(kernel, suite);
                var input = image ?? BuiltInImage.Create(size ?? 1024);
                var cases = new List<BenchCase>();
                foreach (int n in new[] { 3, 5, 7, 9, 11 }) cases.Add(Case($"random{n}", input, KernelParser.Random(n, 2026 + n), options));
                cases.Add(Case("gauss7", input, KernelParser.Parse("gaussian:7:1.5"), options));
                return cases;
            }

            case "separable":
            {
                RequireNoKernel(kernel, suite);
                var input = image ?? BuiltInImage.Create(size ?? 2048);
                return
                [
                    Case("gauss7", input, KernelParser.Parse("gaussian:7:1.5"), options),
                    Case("gauss15", input, KernelParser.Parse("gaussian:15:3"), options),
                    Case("gauss31", input, KernelParser.Parse("gaussian:31:6"), options),
                    Case("dog15", input, KernelParser.Parse("dog:15:2:4"), options),
                ];
            }

            case "large":
            {
                RequireNoKernel(kernel, suite);
                var input = image ?? BuiltInImage.Create(size ?? 2048);
                var cases = new List<BenchCase>();
                foreach (int n in new[] { 15, 31, 63 }) cases.Add(Case($"random{n}", input, KernelParser.Random(n, 2026 + n), options));
                return cases;
            }

            default:
                if (Array.IndexOf(Planned, suite) >= 0)
                    throw new CliException($"--suite {suite} is not available yet: its algorithms arrive with a later issue. Available: {string.Join(", ", Available)}");
                throw new CliException($"--suite '{suite}' is not one of: {string.Join(", ", Available)} (planned: {string.Join(", ", Planned)})");
        }
    }

    private static void RequireNoKernel(string? kernel, string suite)
    {
        if (kernel is not null) throw new CliException($"--kernel applies to the seed suite; the {suite} suite fixes its own kernels");
    }

    private static BenchCase Case(string name, Matrix input, Matrix kernel, Conv2DOptions options) =>
        new(name, Conv2DProblem.Create(input.Rows, input.Columns, kernel.Rows, kernel.Columns, options), input, kernel);
}
