using System;
using System.Linq;
using System.IO;
using ConvSharp.Simd;

namespace ConvSharp.Tests.Infrastructure;

/// <summary>The whole conformance table over every algorithm, outside xunit, for child processes with SIMD tiers switched off.</summary>
internal static class TierConformance
{
    public static int Run(TextWriter output)
    {
        int checkedCount = 0, failed = 0;
        foreach (var algorithm in Conv2D.Algorithms)
        {
            if (ReferenceEquals(algorithm, Conv2D.Reference)) continue;
            foreach (var testCase in ConformanceTable.Cases)
            {
                checkedCount++;
                string? failure = ConformanceCheck.Check(algorithm, testCase);
                if (failure is null) continue;
                if (++failed <= 20) output.WriteLine($"FAIL {failure}");
            }
        }

        // The SGEMM's table too: its micro-kernel is written once per vector width.
        foreach (var gemmCase in GemmCases.All())
        {
            checkedCount++;
            string? failure = gemmCase.Check();
            if (failure is null) continue;
            if (++failed <= 20) output.WriteLine($"FAIL {failure}");
        }

        // And the layer's: its GEMM, im2col and Winograd transforms run on the same tiers.
        foreach (string failure in LayerCases.Check(seed: 77, count: 60).Concat(LayerCases.Check(seed: 78, count: 20, winogradShapes: true)).Concat(LayerCases.CheckFramedDepthwise(threads: 3)).Concat(LayerCases.CheckChannelsLastDepthwise()))
        {
            if (++failed <= 20) output.WriteLine($"FAIL {failure}");
        }

        checkedCount += 80 + 56 + 60;

        // And the binary operator's: its sign packing has a path per vector width.
        foreach (string failure in BinaryCases.Check(seed: 79, count: 30).Concat(BinaryCases.CheckLayers(seed: 80)))
        {
            if (++failed <= 20) output.WriteLine($"FAIL {failure}");
        }

        checkedCount += 30;
        output.WriteLine($"tier: {SimdCapabilities.ActiveTier}");
        output.WriteLine($"checked: {checkedCount}");
        output.WriteLine($"failed: {failed}");
        return failed == 0 ? 0 : 1;
    }
}
