using System;
using System.Linq;
using Xunit;
using static ConvSharp.Tests.ProblemTests;

namespace ConvSharp.Tests;

public class ApiTests
{
    [Fact]
    public void Span_array_and_plane_overloads_agree()
    {
        var input = Enumerable.Range(0, 30).Select(i => (float)(i % 7)).ToArray();
        float[] kernel = [1, 2, 3, 4];
        var options = new Conv2DOptions { Size = OutputSize.Full, Border = Border.Wrap };

        var fromSpan = Conv2D.Apply(input, 5, 6, kernel, 2, 2, options, out int rows, out int columns);
        Assert.Equal((6, 7), (rows, columns));

        var input2D = new float[5, 6];
        Buffer.BlockCopy(input, 0, input2D, 0, input.Length * sizeof(float));
        var fromArray = Conv2D.Apply(input2D, new float[,] { { 1, 2 }, { 3, 4 } }, options);
        Assert.Equal(fromSpan, fromArray.Cast<float>().ToArray());
        Assert.Contains(fromSpan, v => v != fromSpan[0]);
    }

    [Fact]
    public void Bad_buffers_are_rejected_and_nothing_is_written()
    {
        var input = new float[25];
        var kernel = new float[9];
        var output = Enumerable.Repeat(-7f, 25).ToArray();

        AssertThrows<ArgumentException>("output", "3x3", () => Conv2D.Apply(new ReadOnlyPlane2D(input, 5, 5), new ReadOnlyPlane2D(kernel, 3, 3), new Plane2D(output, 3, 3)));
        AssertThrows<ArgumentException>("output", "overlaps input", () => Conv2D.Apply(new ReadOnlyPlane2D(output, 5, 5), new ReadOnlyPlane2D(kernel, 3, 3), new Plane2D(output, 5, 5)));
        AssertThrows<ArgumentException>("output", "overlaps kernel", () => Conv2D.Apply(new ReadOnlyPlane2D(input, 5, 5), new ReadOnlyPlane2D(output.AsSpan(0, 9), 3, 3), new Plane2D(output.AsSpan(5, 9), 3, 3), new() { Size = OutputSize.Valid, Algorithm = "Direct" }));
        AssertThrows<ArgumentOutOfRangeException>("data", "length 24", () => _ = new ReadOnlyPlane2D(new float[24], 5, 5));
        AssertThrows<ArgumentOutOfRangeException>("pitch", "4", () => _ = new Plane2D(new float[25], 5, 5, 4));
        AssertThrows<ArgumentOutOfRangeException>("height", "0", () => _ = new Plane2D(Span<float>.Empty, 0, 5));
        AssertThrows<ArgumentOutOfRangeException>("options.MaxDegreeOfParallelism", "0", () => Conv2D.Apply(new ReadOnlyPlane2D(input, 5, 5), new ReadOnlyPlane2D(kernel, 3, 3), new Plane2D(output, 5, 5), new() { MaxDegreeOfParallelism = 0 }));
        AssertThrows<ArgumentException>("options.Algorithm", "'Magic'", () => Conv2D.Apply(new ReadOnlyPlane2D(input, 5, 5), new ReadOnlyPlane2D(kernel, 3, 3), new Plane2D(output, 5, 5), new() { Algorithm = "Magic" }));
        AssertThrows<ArgumentException>("options.Algorithm", "4x4", () => Conv2D.Apply(new ReadOnlyPlane2D(input, 5, 5), new ReadOnlyPlane2D(new float[16], 4, 4), new Plane2D(output, 5, 5), new() { Algorithm = "Stencil" }));
        Assert.All(output, v => Assert.Equal(-7f, v));
    }

    [Fact]
    public void Planes_sharing_a_buffer_are_rejected_conservatively()
    {
        // Two 4×4 planes sharing one buffer row by row (pitch 8): their used ranges overlap, so this is rejected
        // conservatively; a separate buffer works.
        var shared = new float[32];
        Assert.Throws<ArgumentException>(() => Conv2D.Apply(new ReadOnlyPlane2D(shared, 4, 4, 8), new ReadOnlyPlane2D(new float[] { 1 }, 1, 1), new Plane2D(shared.AsSpan(4), 4, 4, 8)));
        var separate = new float[16];
        Conv2D.Apply(new ReadOnlyPlane2D(shared, 4, 4, 8), new ReadOnlyPlane2D(new float[] { 1 }, 1, 1), new Plane2D(separate, 4, 4));
    }

    [Fact]
    public void Plan_and_explain_name_the_choice_and_every_candidate()
    {
        var plan = Conv2D.Plan(1024, 1024, 3, 3);
        Assert.Equal("Stencil", plan.Algorithm.Name);
        Assert.Equal(Conv2D.Algorithms.Count, plan.Candidates.Count);

        var explanation = Conv2D.Explain(64, 64, 4, 4);
        Assert.Contains("h64w64_k4x4_same_constant0_s1_d1", explanation, StringComparison.Ordinal);
        Assert.Contains("- Stencil", explanation, StringComparison.Ordinal);
        Assert.Contains("+ Simd", explanation, StringComparison.Ordinal);
        Assert.Contains("workspace", explanation, StringComparison.Ordinal);

        Assert.Equal("Direct", Conv2D.Plan(8, 8, 3, 3, new() { Algorithm = "direct" }).Algorithm.Name);
    }

    /// <summary>The README's prepared example, as written there (smaller frames).</summary>
    [Fact]
    public void Readme_prepared_example_runs()
    {
        var frames = new[] { new float[64, 64], new float[64, 64] };
        frames[1][10, 10] = 256;
        float[] g = [1, 4, 6, 4, 1];
        var binomial = new float[5, 5];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) binomial[i, j] = g[i] * g[j] / 256f;
        var plan = Conv2D.Plan(64, 64, 5, 5, new Conv2DOptions { Border = Border.Reflect });
        using var blur = plan.Prepare(binomial);
        Assert.Equal("Separable", blur.Algorithm.Name);
        var profiler = new StageProfiler();
        var context = new ExecutionContext { Profiler = profiler, MaxDegreeOfParallelism = 2 };
        var blurred = new float[64, 64];
        foreach (float[,] frame in frames)
            blur.Execute(frame, blurred, context);
        Assert.Equal(["row-pass", "column-pass"], profiler.Stages.Select(s => s.Stage));
        Assert.Equal(36f, blurred[10, 10], 4);      // 256 · 6 · 6 / 256
        Assert.Equal(1f, blurred[8, 8], 4);         // 256 · 1 · 1 / 256
    }

    [Fact]
    public void Plan_executes_into_caller_buffers()
    {
        var plan = Conv2D.Plan(6, 6, 3, 3, new() { Size = OutputSize.Valid });
        var input = Enumerable.Range(0, 36).Select(i => (float)i).ToArray();
        var output = new float[16];
        plan.Execute(new ReadOnlyPlane2D(input, 6, 6), new ReadOnlyPlane2D(Enumerable.Repeat(1f, 9).ToArray(), 3, 3), new Plane2D(output, 4, 4));
        Assert.Equal(0 + 1 + 2 + 6 + 7 + 8 + 12 + 13 + 14, output[0]);
        Assert.Equal(output[0] + 9 * 1, output[1]);
    }
}
