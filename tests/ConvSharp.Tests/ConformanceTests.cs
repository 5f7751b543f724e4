using System;
using System.Linq;
using ConvSharp.Tests.Infrastructure;
using CsCheck;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>The one conformance suite: every registered algorithm against <see cref="Conv2D.Reference"/>.</summary>
public class ConformanceTests
{
    [Theory]
    [MemberData(nameof(ConformanceTable.AlgorithmCases), MemberType = typeof(ConformanceTable))]
    public void Algorithm_matches_reference(string algorithm, string problem, int seed, int extraPitch)
    {
        var failure = ConformanceCheck.Check(Find(algorithm), new ConformanceCase(problem, seed, extraPitch));
        Assert.True(failure is null, failure);
    }

    [Fact]
    public void Random_problems_match_reference_for_every_algorithm()
    {
        var problems =
            from h in Gen.Int[1, 40]
            from w in Gen.Int[1, 80]
            from kh in Gen.Int[1, 9]
            from kw in Gen.Int[1, 9]
            from kind in Gen.Enum<ConvolutionKind>()
            from size in Gen.Enum<OutputSize>()
            from mode in Gen.Enum<BorderMode>()
            from fill in Gen.Int[-3, 3]
            from sy in Gen.Int[1, 3]
            from sx in Gen.Int[1, 3]
            from dy in Gen.Int[1, 3]
            from dx in Gen.Int[1, 3]
            from seed in Gen.Int[0, 1_000_000]
            from pitch in Gen.Int[0, 4]
            where size != OutputSize.Valid || ((kh - 1) * dy + 1 <= h && (kw - 1) * dx + 1 <= w)
            select new ConformanceCase(
                Conv2DProblem.Create(h, w, kh, kw, new Conv2DOptions { Kind = kind, Size = size, Border = new Border(mode, fill), Stride = (sy, sx), Dilation = (dy, dx) }).ToString(),
                seed,
                pitch);

        problems.Sample(
            testCase =>
            {
                foreach (var algorithm in Conv2D.Algorithms)
                {
                    var failure = ConformanceCheck.Check(algorithm, testCase);
                    Assert.True(failure is null, failure);
                }
            },
            iter: 150,
            seed: "0N0XIzNsQ0O2");
    }

    public static TheoryData<string> FastPaths() => new(Conv2D.Algorithms.Where(a => !ReferenceEquals(a, Conv2D.Reference)).Select(a => a.Name));

    /// <summary>
    /// The table again with bands of a single row's work on three threads, so every problem tall enough is split into
    /// parallel bands (the default minimum keeps these small problems in one band).
    /// </summary>
    [Theory]
    [MemberData(nameof(FastPaths))]
    public void Table_conforms_when_split_into_bands(string algorithm)
    {
        var context = new ExecutionContext { MaxDegreeOfParallelism = 3, MinimumWorkPerBand = 1 };
        foreach (var testCase in ConformanceTable.Cases)
        {
            var failure = ConformanceCheck.Check(Find(algorithm), testCase, context);
            Assert.True(failure is null, $"split into bands: {failure}");
        }
    }

    /// <summary>
    /// The table again with staged rows turned off: rows up to 256 outputs wide are staged by default (one bordered copy
    /// per row), so this keeps the edge-buffer path, which wide images take, covered on every case.
    /// </summary>
    [Theory]
    [MemberData(nameof(FastPaths))]
    public void Table_conforms_without_staged_rows(string algorithm)
    {
        var context = new ExecutionContext { MaxDegreeOfParallelism = 2, MinimumWorkPerBand = 1, ForceStaging = false };
        foreach (var testCase in ConformanceTable.Cases)
        {
            var failure = ConformanceCheck.Check(Find(algorithm), testCase, context);
            Assert.True(failure is null, $"without staged rows: {failure}");
        }
    }

    /// <summary>Band boundaries never change a bit: one thread and three threads (bands as small as allowed) agree exactly.</summary>
    [Theory]
    [InlineData("h1031w257_k5x5_same_reflect101_s1_d1")]
    [InlineData("h1031w257_k3x3_same_constant0.5_s1_d1")]
    [InlineData("h1031w257_k7x7_conv_full_wrap_s1_d1")]
    [InlineData("h1031w257_k4x6_same_replicate_s2x1_d1x2")]
    public void One_and_three_threads_give_identical_bits(string text)
    {
        var problem = Conv2DProblem.Parse(text);
        var input = TestData.RandomFloats(problem.InputHeight * problem.InputWidth, 7);
        var kernel = TestData.LowRankFloats(problem.KernelHeight, problem.KernelWidth, rank: 2, seed: 8);   // every algorithm takes it
        var single = new ExecutionContext { MaxDegreeOfParallelism = 1 };
        var split = new ExecutionContext { MaxDegreeOfParallelism = 3, MinimumWorkPerBand = 1 };
        int ran = 0;
        foreach (var algorithm in Conv2D.Algorithms)
        {
            if (!algorithm.Supports(problem, out _)) continue;
            using var prepared = ConformanceCheck.TryPrepare(algorithm, problem, kernel, out string why);
            Assert.True(prepared is not null, $"{algorithm.Name}: {why}");
            var one = ConformanceCheck.Run(prepared, input, 0, single, out _);
            var three = ConformanceCheck.Run(prepared, input, 0, split, out _);
            Assert.True(one.AsSpan().SequenceEqual(three), $"{algorithm.Name} on {problem}: 1 and 3 threads differ");
            ran++;
        }

        Assert.True(ran >= 5, $"only {ran} algorithms ran");
    }

    /// <summary>
    /// Inputs whose row pitch is a multiple of 4 KiB make the kernels read their rows through a staged copy
    /// (<see cref="Borders.StagedRows"/>): the same results, bit for bit on small integers, for every border.
    /// </summary>
    [Theory]
    [InlineData("h23w1024_k7x7_same_constant1.5_s1_d1", 0)]
    [InlineData("h23w1024_k7x7_conv_full_reflect_s1_d1", 0)]
    [InlineData("h19w1024_k9x9_same_wrap_s1_d1x2", 0)]
    [InlineData("h19w1024_k11x9_valid_replicate_s1_d1", 0)]
    [InlineData("h19w1024_k9x9_conv_full_replicate_s1_d1", 0)]  // staged rows padded on both sides
    [InlineData("h19w1024_k9x11_same_reflect_a2x9_s1_d1", 0)]   // an off-centre anchor: unequal pads
    [InlineData("h17w100_k9x9_same_reflect101_s1_d1", 924)]   // a narrow image in a 1024-float pitch
    [InlineData("h17w40_k9x9_same_wrap_s1_d1", 984)]          // narrower than Simd's six-vector block
    public void Rows_staged_for_4K_pitches_conform(string text, int extraPitch)
    {
        var problem = Conv2DProblem.Parse(text);
        var data = Execution.ConvolutionData.Describe(problem);
        data.InputPitch = problem.InputWidth + extraPitch;
        Assert.True(Borders.StagedRows.Worthwhile(in data, problem.KernelHeight + 3), "this case should stage its rows (the stencil reads kh + 3 at once)");
        foreach (var algorithm in Conv2D.Algorithms.Where(a => a.Name is "Stencil" or "Simd" or "Parallel" or "Direct"))
        {
            var failure = ConformanceCheck.Check(algorithm, new ConformanceCase(text, 11, extraPitch), new ExecutionContext { MaxDegreeOfParallelism = 2, MinimumWorkPerBand = 1 });
            Assert.True(failure is null, failure);
        }
    }

    [Fact]
    public void Table_is_not_vacuous()
    {
        // The table must exercise every algorithm many times, and its reference outputs must carry information.
        var cases = ConformanceTable.Cases;
        Assert.True(cases.Count > 500, $"only {cases.Count} cases");
        foreach (var algorithm in Conv2D.Algorithms)
        {
            int supported = cases.Count(c => algorithm.Supports(Conv2DProblem.Parse(c.Problem), out _));
            Assert.True(supported >= 150, $"{algorithm.Name} supports only {supported} cases");
        }

        int varied = cases.Count(c =>
        {
            var problem = Conv2DProblem.Parse(c.Problem);
            var output = ConformanceCheck.Reference(
                problem,
                TestData.SmallIntegers(problem.InputHeight * problem.InputWidth, c.Seed),
                TestData.SmallIntegers(problem.KernelHeight * problem.KernelWidth, c.Seed + 1));
            return output.Distinct().Count() > 1;
        });
        Assert.True(varied > cases.Count * 9 / 10, $"only {varied} of {cases.Count} reference outputs vary");
    }

    private static Conv2DAlgorithm Find(string name) => Conv2D.Algorithms.Single(a => a.Name == name);
}
