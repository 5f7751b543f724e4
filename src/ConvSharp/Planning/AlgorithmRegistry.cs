using System;
using System.Collections.Generic;
using ConvSharp.Algorithms.Direct;
using ConvSharp.Algorithms.Naive;
using ConvSharp.Algorithms.Parallel;
using ConvSharp.Algorithms.Reference;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Algorithms.Stencil;

namespace ConvSharp.Planning;

/// <summary>
/// The one ordered list of algorithms, most specialised first and Reference last. Auto takes the first that supports
/// the problem, so the order is the planner's heuristic until measured autotuning lands.
/// </summary>
internal static class AlgorithmRegistry
{
    public static Conv2DAlgorithm Reference { get; } = new ReferenceConvolution();

    public static IReadOnlyList<Conv2DAlgorithm> All { get; } =
    [
        new StencilConvolution(),
        new SimdConvolution(),
        new ParallelConvolution(),
        new DirectConvolution(),
        new NaiveConvolution(),
        Reference,
    ];

    /// <summary>The algorithm registered under <paramref name="name"/> (case-insensitive), or null.</summary>
    public static Conv2DAlgorithm? Find(string name)
    {
        foreach (var algorithm in All)
        {
            if (string.Equals(algorithm.Name, name, StringComparison.OrdinalIgnoreCase)) return algorithm;
        }

        return null;
    }

    public static string Names => string.Join(", ", NameList());

    private static IEnumerable<string> NameList()
    {
        yield return "Auto";
        foreach (var algorithm in All) yield return algorithm.Name;
    }
}
