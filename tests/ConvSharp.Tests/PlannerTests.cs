using System;
using System.Linq;
using System.Threading;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>Plan, prepare, execute: the planner's choices, the preparation's reuse, the workspace cap, the context.</summary>
public class PlannerTests
{
    private static readonly float[] Binomial3 = [1, 2, 1, 2, 4, 2, 1, 2, 1];

    [Fact]
    public void Auto_takes_separable_only_where_its_rule_prefers_it_and_the_kernel_allows()
    {
        // 3×3: even rank 1 loses to the stencil, so Auto does not consider Separable and does not factor the kernel.
        var small = Conv2D.Plan(256, 256, 3, 3);
        Assert.Equal("Stencil", small.Algorithm.Name);
        Assert.False(small.Candidates.Single(c => c.Algorithm.Name == "Separable").ConsideredByAuto);

        // 15×15: a Gaussian (rank 1) goes to Separable; a random kernel (full rank) falls through to Winograd.
        var large = Conv2D.Plan(256, 256, 15, 15);
        Assert.Equal("Separable", large.Algorithm.Name);
        using (var gaussian = large.Prepare(Outer(Enumerable.Range(0, 15).Select(i => MathF.Exp(-(i - 7) * (i - 7) / 18f)).ToArray())))
            Assert.Equal("Separable", gaussian.Algorithm.Name);
        var random = new Random(1);
        using var full = large.Prepare(new ReadOnlyPlane2D(Enumerable.Range(0, 225).Select(_ => (float)random.NextDouble()).ToArray(), 15, 15));
        Assert.Equal("Winograd", full.Algorithm.Name);
    }

    [Theory]
    [InlineData(7, 7, "Simd")]
    [InlineData(9, 9, "Winograd")]
    [InlineData(10, 10, "Simd")]
    [InlineData(11, 11, "Winograd")]
    [InlineData(9, 7, "Simd")]
    [InlineData(13, 13, "Simd")]
    [InlineData(17, 17, "Winograd")]
    public void Auto_takes_winograd_where_its_products_cost_at_most_0_62_of_the_direct_path(int kh, int kw, string expected)
    {
        // (5/3)·⌈kh/3⌉ ≤ 0.62·kh from 9 × 9: 10 and 13 rows pad their last slice with two zero rows and stay direct.
        var plan = Conv2D.Plan(256, 256, kh, kw);
        var random = new Random(kh * kw);
        using var prepared = plan.Prepare(new ReadOnlyPlane2D(Enumerable.Range(0, kh * kw).Select(_ => (float)random.NextDouble()).ToArray(), kh, kw));
        Assert.Equal(expected, prepared.Algorithm.Name);
        var winograd = plan.Candidates.Single(c => c.Algorithm.Name == "Winograd");
        Assert.True(winograd.Supported);
        Assert.Equal(expected == "Winograd", winograd.ConsideredByAuto);
    }

    [Fact]
    public void Winograd_declines_a_kernel_with_a_nan_and_supports_no_stride_or_dilation()
    {
        var plan = Conv2D.Plan(64, 64, 9, 9);
        var kernel = Enumerable.Repeat(1f, 81).ToArray();
        kernel[40] = float.NaN;
        using var prepared = plan.Prepare(new ReadOnlyPlane2D(kernel, 9, 9));
        Assert.NotEqual("Winograd", prepared.Algorithm.Name);

        var winograd = Conv2D.FindAlgorithm("Winograd")!;
        Assert.False(winograd.Supports(Conv2DProblem.Create(64, 64, 9, 9, new() { Stride = (2, 2) }), out string why));
        Assert.Contains("stride (2, 2)", why, StringComparison.Ordinal);
        Assert.False(winograd.Supports(Conv2DProblem.Create(64, 64, 9, 9, new() { Dilation = (1, 2) }), out _));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    public void Auto_takes_simd_over_the_stencil_above_3x3(int size)
    {
        // The stencil supports 5×5 and 7×7 but Simd's two-row blocks measured faster, so Auto skips it and says why.
        var plan = Conv2D.Plan(256, 256, size, size);
        var random = new Random(size);
        using var prepared = plan.Prepare(new ReadOnlyPlane2D(Enumerable.Range(0, size * size).Select(_ => (float)random.NextDouble()).ToArray(), size, size));
        Assert.Equal("Simd", prepared.Algorithm.Name);
        var stencil = plan.Candidates.Single(c => c.Algorithm.Name == "Stencil");
        Assert.True(stencil.Supported);
        Assert.False(stencil.ConsideredByAuto);
        Assert.Contains("Simd", stencil.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requested_algorithm_that_declines_the_kernel_says_why()
    {
        var plan = Conv2D.Plan(32, 32, 5, 5, new() { Algorithm = "separable" });
        var random = new Random(2);
        var values = Enumerable.Range(0, 25).Select(_ => (float)random.NextDouble()).ToArray();
        var error = Assert.Throws<ArgumentException>(() => plan.Prepare(new ReadOnlyPlane2D(values, 5, 5)));
        Assert.Equal("kernel", error.ParamName);
        Assert.Contains("rank", error.Message, StringComparison.Ordinal);
        Assert.False(plan.TryPrepare(new ReadOnlyPlane2D(values, 5, 5), out var none, out string reason));
        Assert.Null(none);
        Assert.Contains("rank", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prepared_convolution_copies_the_kernel_and_runs_many_inputs()
    {
        var kernel = (float[])Binomial3.Clone();
        using var prepared = Conv2D.Plan(8, 8, 3, 3, new() { Algorithm = "Direct" }).Prepare(new ReadOnlyPlane2D(kernel, 3, 3));
        Array.Clear(kernel);
        foreach (float value in new[] { 1f, 2f })
        {
            var input = Enumerable.Repeat(value, 64).ToArray();
            var output = new float[64];
            prepared.Execute(new ReadOnlyPlane2D(input, 8, 8), new Plane2D(output, 8, 8));
            Assert.Equal(16 * value, output[9 * 1]);   // an interior sample: Σ binomial = 16
        }
    }

    [Fact]
    public void Execute_checks_shapes_and_overlap_before_writing()
    {
        using var prepared = Conv2D.Plan(6, 6, 3, 3).Prepare(new ReadOnlyPlane2D(Binomial3, 3, 3));
        var input = new float[36];
        var output = Enumerable.Repeat(-5f, 36).ToArray();
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => prepared.Execute(new ReadOnlyPlane2D(input, 5, 6), new Plane2D(output, 6, 6))).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => prepared.Execute(new ReadOnlyPlane2D(input, 6, 6), new Plane2D(output, 6, 5))).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => prepared.Execute(new ReadOnlyPlane2D(output, 6, 6), new Plane2D(output, 6, 6))).ParamName);
        Assert.Equal("kernel", Assert.Throws<ArgumentException>(() => Conv2D.Plan(6, 6, 3, 3).Prepare(new ReadOnlyPlane2D(new float[4], 2, 2))).ParamName);
        Assert.Equal("kernel", Assert.Throws<ArgumentException>(() => Conv2D.Plan(6, 6, 3, 3).Execute(new ReadOnlyPlane2D(input, 6, 6), new ReadOnlyPlane2D(new float[4], 2, 2), new Plane2D(output, 6, 6))).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => prepared.Execute(new ReadOnlyPlane2D(input, 6, 6), new Plane2D(output, 6, 6), new ExecutionContext { MaxDegreeOfParallelism = 0 }));
        Assert.All(output, v => Assert.Equal(-5f, v));
    }

    [Fact]
    public void A_kernel_with_a_wide_pitch_reads_only_its_columns()
    {
        // A 3×3 kernel inside a 3×5 buffer (pitch 5) whose padding is NaN: a path that read the padding would give NaN.
        float[] padded = [1, 2, 1, float.NaN, float.NaN, 2, 4, 2, float.NaN, float.NaN, 1, 2, 1];
        var input = Enumerable.Range(0, 100).Select(i => (float)(i % 7)).ToArray();
        var expected = Conv2D.Apply(input, 10, 10, Binomial3, 3, 3, new() { Algorithm = "Reference" }, out _, out _);
        foreach (var algorithm in Conv2D.Algorithms)
        {
            var output = new float[100];
            Conv2D.Apply(new ReadOnlyPlane2D(input, 10, 10), new ReadOnlyPlane2D(padded, 3, 3, pitch: 5), new Plane2D(output, 10, 10), new() { Algorithm = algorithm.Name });
            Assert.True(expected.SequenceEqual(output), algorithm.Name);
        }
    }

    [Fact]
    public void The_workspace_cap_declines_what_does_not_fit_and_says_so()
    {
        var plan = Conv2D.Plan(64, 64, 5, 5, new() { MaxWorkspaceBytes = 16 });
        var simd = plan.Candidates.Single(c => c.Algorithm.Name == "Simd");
        Assert.False(simd.Supported);
        Assert.Contains("MaxWorkspaceBytes", simd.Reason, StringComparison.Ordinal);
        Assert.True(simd.Workspace.TotalBytes > 16);
        Assert.Equal("Reference", plan.Algorithm.Name);   // the one algorithm that needs no scratch
        Assert.Equal(0, plan.Workspace.TotalBytes);

        // Separable segments its work into strips that fit: a small cap still leaves it in.
        var separable = Conv2D.Plan(512, 512, 9, 9, new() { MaxWorkspaceBytes = 256 * 1024 }).Candidates.Single(c => c.Algorithm.Name == "Separable");
        Assert.True(separable.Supported, separable.Reason);
        Assert.InRange(separable.Workspace.TotalBytes, 1, 256 * 1024);
    }

    [Fact]
    public void Separable_output_does_not_depend_on_its_strip_height_or_thread_count()
    {
        // The cap sets the strip height; each output sample still adds the same products in the same order.
        const int n = 300;
        var random = new Random(3);
        var input = Enumerable.Range(0, n * n).Select(_ => (float)random.NextDouble()).ToArray();
        float[] kernel = [.. Enumerable.Range(0, 49).Select(t => MathF.Exp(-((t / 7 - 3) * (t / 7 - 3)) / 4f) * MathF.Exp(-((t % 7 - 3) * (t % 7 - 3)) / 4f))];
        float[] Run(long cap, int threads)
        {
            var output = new float[n * n];
            Conv2D.Apply(new ReadOnlyPlane2D(input, n, n), new ReadOnlyPlane2D(kernel, 7, 7), new Plane2D(output, n, n),
                new() { Algorithm = "Separable", MaxWorkspaceBytes = cap, MaxDegreeOfParallelism = threads, Border = Border.Reflect });
            return output;
        }

        var whole = Run(Conv2DOptions.DefaultMaxWorkspaceBytes, 1);
        Assert.Equal(whole, Run(96 * 1024, 1));
        Assert.Equal(whole, Run(96 * 1024, 3));
    }

    [Fact]
    public void The_profiler_hears_each_stage_and_single_pass_algorithms_report_one()
    {
        var profiler = new StageProfiler();
        var context = new ExecutionContext { Profiler = profiler };
        var input = new float[64 * 64];
        var output = new float[64 * 64];
        var plan = Conv2D.Plan(64, 64, 9, 9, new() { Algorithm = "Separable", MaxWorkspaceBytes = 128 * 1024 });
        using (var prepared = plan.Prepare(Outer([1, 2, 3, 4, 5, 4, 3, 2, 1]), profiler))
            prepared.Execute(new ReadOnlyPlane2D(input, 64, 64), new Plane2D(output, 64, 64), context);
        Assert.Equal(["factor", "row-pass", "column-pass"], profiler.Stages.Select(s => s.Stage));
        Assert.Equal(plan.Algorithm.Stages, profiler.Stages.Select(s => s.Stage));

        profiler.Reset();
        Conv2D.Plan(64, 64, 3, 3, new() { Algorithm = "Stencil" }).Execute(new ReadOnlyPlane2D(input, 64, 64), new ReadOnlyPlane2D(Binomial3, 3, 3), new Plane2D(output, 64, 64), context);
        Assert.Equal(["stencil"], profiler.Stages.Select(s => s.Stage));
    }

    [Fact]
    public void A_cancelled_call_throws_before_it_writes()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var output = Enumerable.Repeat(-1f, 256 * 256).ToArray();
        foreach (string name in new[] { "Simd", "Stencil", "Separable", "Reference" })
        {
            var plan = Conv2D.Plan(256, 256, 3, 3, new() { Algorithm = name });
            Assert.ThrowsAny<OperationCanceledException>(() => plan.Execute(
                new ReadOnlyPlane2D(new float[256 * 256], 256, 256), new ReadOnlyPlane2D(Binomial3, 3, 3), new Plane2D(output, 256, 256),
                new ExecutionContext { CancellationToken = source.Token }));
        }

        Assert.All(output, v => Assert.Equal(-1f, v));
    }

    [Fact]
    public void Other_assemblies_can_add_algorithms_to_a_planner()
    {
        var planner = Conv2DPlanner.Default.With(new ConstantAlgorithm());
        Assert.Equal("Constant7", planner.Algorithms[0].Name);
        Assert.Same(Conv2D.Reference, planner.Algorithms[^1]);
        var plan = planner.Plan(4, 4, 3, 3);
        Assert.Equal("Constant7", plan.Algorithm.Name);
        var output = new float[16];
        plan.Execute(new ReadOnlyPlane2D(new float[16], 4, 4), new ReadOnlyPlane2D(Binomial3, 3, 3), new Plane2D(output, 4, 4));
        Assert.All(output, v => Assert.Equal(7f, v));
        Assert.Throws<ArgumentException>(() => Conv2DPlanner.Default.With(new ConstantAlgorithm(), new ConstantAlgorithm()));
    }

    [Fact]
    public void FindAlgorithm_is_case_insensitive_and_knows_no_auto()
    {
        Assert.Same(Conv2D.Algorithms.Single(a => a.Name == "Separable"), Conv2D.FindAlgorithm("SEPARABLE"));
        Assert.Null(Conv2D.FindAlgorithm("Auto"));
        Assert.Null(Conv2D.FindAlgorithm("magic"));
    }

    [Fact]
    public void Plans_are_cached_per_problem_value()
    {
        var a = Conv2D.Plan(100, 80, 5, 5, new() { Border = Border.Wrap });
        var b = Conv2D.Plan(100, 80, 5, 5, new() { Border = Border.Wrap });
        Assert.Same(a, b);
        Assert.NotSame(a, Conv2D.Plan(100, 80, 5, 5, new() { Border = Border.Wrap, MaxDegreeOfParallelism = 1 }));
    }

    private static ReadOnlyPlane2D Outer(float[] v)
    {
        var k = new float[v.Length * v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            for (int j = 0; j < v.Length; j++) k[(i * v.Length) + j] = v[i] * v[j];
        }

        return new ReadOnlyPlane2D(k, v.Length, v.Length);
    }

    /// <summary>An algorithm from outside the library: fills the output with 7.</summary>
    private sealed class ConstantAlgorithm : Conv2DAlgorithm
    {
        public override string Name => "Constant7";

        public override string Description => "Test algorithm: every output is 7.";

        public override bool Supports(Conv2DProblem problem, out string reason) => Always("always", out reason);

        protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason)
        {
            reason = "";
            return new Prepared(problem, this);
        }

        private sealed class Prepared(Conv2DProblem problem, Conv2DAlgorithm algorithm) : PreparedConvolution(problem, algorithm)
        {
            public override double ErrorBound(double maxAbsInput) => double.PositiveInfinity;

            protected override void ExecuteCore(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context)
            {
                for (int y = 0; y < output.Height; y++) output.Row(y).Fill(7f);
            }
        }
    }
}
