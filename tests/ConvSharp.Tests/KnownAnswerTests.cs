using System;
using System.Linq;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>Tiny cases worked out by hand, run through every algorithm.</summary>
public class KnownAnswerTests
{
    private static readonly float[,] Three = { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } };

    /// <summary>The algorithms that support a kernel of <paramref name="kh"/> × <paramref name="kw"/> at stride 1 (Stencil: only 3×3 of these).</summary>
    public static TheoryData<string> AlgorithmsFor(int kh, int kw) =>
        new(Conv2D.Algorithms.Where(a => a.Supports(Conv2DProblem.Create(16, 16, kh, kw), out _)).Select(a => a.Name));

    /// <summary>The algorithms that support a horizontal stride of 2 and a horizontal dilation of 2 (Winograd: neither).</summary>
    public static TheoryData<string> AlgorithmsWithStrideAndDilation() =>
        new(Conv2D.Algorithms.Where(a =>
            a.Supports(Conv2DProblem.Create(16, 16, 1, 1, new() { Stride = (1, 2) }), out _) &&
            a.Supports(Conv2DProblem.Create(16, 16, 1, 2, new() { Dilation = (1, 2) }), out _)).Select(a => a.Name));

    [Theory]
    [MemberData(nameof(AlgorithmsFor), 2, 2)]
    public void Valid_correlation_and_convolution(string algorithm)
    {
        float[,] kernel = { { 1, 2 }, { 0, 0 } };
        // Correlation: in[y,x]·1 + in[y,x+1]·2.
        Expect(new float[,] { { 5, 8 }, { 14, 17 } }, algorithm, Three, kernel, new() { Size = OutputSize.Valid });
        // Convolution flips the kernel to {{0,0},{2,1}}: 2·in[y+1,x] + in[y+1,x+1].
        Expect(new float[,] { { 13, 16 }, { 22, 25 } }, algorithm, Three, kernel, new() { Size = OutputSize.Valid, Kind = ConvolutionKind.Convolution });
    }

    [Theory]
    [MemberData(nameof(AlgorithmsFor), 1, 2)]
    public void Full_correlation_of_a_row(string algorithm)
    {
        // Anchor (0, KW−1 = 1): out[x] = in[x−1]·1 + in[x]·10 → 0+10, 1+20, 2+0; scipy.signal.correlate2d gives the same.
        Expect(new float[,] { { 10, 21, 2 } }, algorithm, new float[,] { { 1, 2 } }, new float[,] { { 1, 10 } }, new() { Size = OutputSize.Full });
    }

    [Theory]
    [MemberData(nameof(AlgorithmsFor), 1, 5)]
    public void Same_with_every_border(string algorithm)
    {
        float[,] row = { { 1, 2, 3 } };
        float[,] twoLeft = { { 1, 0, 0, 0, 0 } };   // anchor 2: out[x] = in[x − 2]
        float[,] oneRight = { { 0, 0, 1 } };        // anchor 1: out[x] = in[x + 1]
        (Border Border, float[] TwoLeft, float[] OneRight)[] expected =
        [
            (Border.Constant(9), [9, 9, 1], [2, 3, 9]),
            (Border.Replicate, [1, 1, 1], [2, 3, 3]),
            (Border.Reflect, [2, 1, 1], [2, 3, 3]),       // …b a | a b c | c b…
            (Border.Reflect101, [3, 2, 1], [2, 3, 2]),    // …c b | a b c | b a…
            (Border.Wrap, [2, 3, 1], [2, 3, 1]),          // …b c | a b c | a b…
        ];
        foreach (var (border, left, right) in expected)
        {
            Expect(Row(left), algorithm, row, twoLeft, new() { Border = border });
            Expect(Row(right), algorithm, row, oneRight, new() { Border = border });
        }
    }

    /// <summary>The worked example in docs/semantics.md: [1 2 3 4] correlated with [1 10 100], Same, every border.</summary>
    [Theory]
    [MemberData(nameof(AlgorithmsFor), 1, 3)]
    public void Semantics_doc_example(string algorithm)
    {
        float[,] row = { { 1, 2, 3, 4 } };
        float[,] kernel = { { 1, 10, 100 } };
        Expect(Row([210, 321, 432, 43]), algorithm, row, kernel, new() { Border = Border.Constant(0) });
        Expect(Row([211, 321, 432, 443]), algorithm, row, kernel, new() { Border = Border.Replicate });
        Expect(Row([211, 321, 432, 443]), algorithm, row, kernel, new() { Border = Border.Reflect });
        Expect(Row([212, 321, 432, 343]), algorithm, row, kernel, new() { Border = Border.Reflect101 });
        Expect(Row([214, 321, 432, 143]), algorithm, row, kernel, new() { Border = Border.Wrap });
    }

    [Theory]
    [MemberData(nameof(AlgorithmsWithStrideAndDilation))]
    public void Stride_and_dilation(string algorithm)
    {
        float[,] row = { { 1, 2, 3, 4, 5 } };
        Expect(Row([1, 3, 5]), algorithm, row, new float[,] { { 1 } }, new() { Stride = (1, 2) });
        Expect(Row([4, 6, 8]), algorithm, row, new float[,] { { 1, 1 } }, new() { Size = OutputSize.Valid, Dilation = (1, 2) });
    }

    [Theory]
    [MemberData(nameof(AlgorithmsFor), 1, 2)]
    public void Anchor_of_a_row(string algorithm)
    {
        float[,] row = { { 1, 2, 3, 4, 5 } };
        // Anchor (0, 0) of a 1×2 box: out[x] = in[x] + in[x+1], zero past the end.
        Expect(Row([3, 5, 7, 9, 5]), algorithm, row, new float[,] { { 1, 1 } }, new() { Anchor = (0, 0) });
        // Default anchor of a 1×2 box for correlation is (KW−1)/2 = 0, for convolution KW/2 = 1: out[x] = in[x−1] + in[x].
        Expect(Row([3, 5, 7, 9, 5]), algorithm, row, new float[,] { { 1, 1 } }, new());
        Expect(Row([1, 3, 5, 7, 9]), algorithm, row, new float[,] { { 1, 1 } }, new() { Kind = ConvolutionKind.Convolution });
    }

    [Theory]
    [MemberData(nameof(AlgorithmsFor), 1, 3)]
    public void Nan_and_infinity_propagate(string algorithm)
    {
        float[,] input = { { 1, float.NaN, 1, 1, 1, 1 } };
        var result = Run(algorithm, input, new float[,] { { 1, 1, 1 } }, new() { Border = Border.Replicate });
        Assert.True(float.IsNaN(result[0, 0]) && float.IsNaN(result[0, 1]) && float.IsNaN(result[0, 2]));
        AssertNear(3f, result[0, 4], Tolerance(algorithm, input, new float[,] { { 1, 1, 1 } }, new() { Border = Border.Replicate }));

        var infinite = Run(algorithm, new float[,] { { float.PositiveInfinity, 1, 1, 1 } }, new float[,] { { 0, 1 } }, new() { Size = OutputSize.Valid });
        Assert.True(float.IsNaN(infinite[0, 0]));   // ∞ · 0 is NaN
        Assert.Equal(1f, infinite[0, 1]);   // exact even for a Bounded algorithm: one nonzero tap of 1
    }

    [Theory]
    [MemberData(nameof(AlgorithmsFor), 3, 3)]
    public void Three_by_three_kernels(string algorithm)
    {
        // Picks the sample down and to the right: out[y,x] = in[y+1, x+1], zero outside.
        float[,] corner = { { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 1 } };
        Expect(new float[,] { { 5, 6, 0 }, { 8, 9, 0 }, { 0, 0, 0 } }, algorithm, Three, corner, new());

        // A 3×3 box with Replicate: the top-left window is rows {0,0,1} × columns {0,0,1} → 1+1+2 + 1+1+2 + 4+4+5 = 21.
        float[,] ones = { { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 } };
        var box = Run(algorithm, Three, ones, new() { Border = Border.Replicate });
        double tolerance = Tolerance(algorithm, Three, ones, new() { Border = Border.Replicate });
        AssertNear(21f, box[0, 0], tolerance);
        AssertNear(45f, box[1, 1], tolerance);
        AssertNear(69f, box[2, 2], tolerance);   // rows {1,2,2} × columns {1,2,2}: 17 + 26 + 26
    }

    private static float[,] Row(float[] values)
    {
        var result = new float[1, values.Length];
        for (int i = 0; i < values.Length; i++) result[0, i] = values[i];
        return result;
    }

    /// <summary>
    /// Runs the named algorithm and compares with the worked answer: bit for bit where its preparation is exact (every
    /// Exact algorithm, and Separable with integer factors), else within the preparation's own error bound (Winograd).
    /// </summary>
    private static void Expect(float[,] expected, string algorithm, float[,] input, float[,] kernel, Conv2DOptions options)
    {
        var actual = Run(algorithm, input, kernel, options);
        double tolerance = Tolerance(algorithm, input, kernel, options);
        if (tolerance == 0)
        {
            Assert.Equal(expected, actual);
            return;
        }

        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int y = 0; y < expected.GetLength(0); y++)
        {
            for (int x = 0; x < expected.GetLength(1); x++) AssertNear(expected[y, x], actual[y, x], tolerance);
        }
    }

    /// <summary>0 where the named algorithm's preparation of the kernel is exact, else its error bound for this input.</summary>
    private static double Tolerance(string algorithm, float[,] input, float[,] kernel, Conv2DOptions options)
    {
        var plan = Conv2D.Plan(input.GetLength(0), input.GetLength(1), kernel.GetLength(0), kernel.GetLength(1), options with { Algorithm = algorithm });
        using var prepared = plan.Prepare(kernel);
        double maxAbs = input.Cast<float>().Where(float.IsFinite).Select(MathF.Abs).DefaultIfEmpty(0).Max();
        return prepared.IsExact ? 0 : prepared.ErrorBound(maxAbs);
    }

    private static void AssertNear(float expected, float actual, double tolerance) =>
        Assert.True(Math.Abs((double)expected - actual) <= tolerance, $"expected {expected} within {tolerance:E2}, got {actual:R}");

    /// <summary>Runs the named algorithm, which must support the problem and accept the kernel: nothing falls back to Reference.</summary>
    private static float[,] Run(string algorithm, float[,] input, float[,] kernel, Conv2DOptions options)
    {
        var problem = Conv2DProblem.Create(input.GetLength(0), input.GetLength(1), kernel.GetLength(0), kernel.GetLength(1), options);
        Assert.True(Conv2D.FindAlgorithm(algorithm)!.Supports(problem, out string why), $"{algorithm} does not support {problem}: {why}");
        return Conv2D.Apply(input, kernel, options with { Algorithm = algorithm });
    }
}
