using System;
using System.Linq;
using Xunit;

namespace ConvSharp.Peers.Tests;

/// <summary>
/// sepFilter2D with factors taken from the kernel, checked against Reference on small-integer rank-1 kernels. The row
/// factor is divided by the pivot, as an SVD's factors would be fractional too, so the check allows rounding: the exact
/// algorithms' bound, twice over (two passes).
/// </summary>
public class OpenCvSepFilter2DPeerTests
{
    private readonly OpenCvSepFilter2DPeer _peer = new();

    [OpenCvTheory]
    [InlineData("h17w23_k3x3_same_constant0_s1_d1")]
    [InlineData("h17w23_k5x5_conv_same_reflect101_s1_d1")]
    [InlineData("h17w23_k3x5_same_replicate_s1_d1")]
    [InlineData("h17w23_k4x2_same_reflect_a3x0_s1_d1")]
    public void SepFilter2D_matches_reference(string text)
    {
        var problem = Conv2DProblem.Parse(text);
        var random = new Random(text.Length);
        var u = Enumerable.Range(0, problem.KernelHeight).Select(_ => random.Next(1, 4)).ToArray();
        var v = Enumerable.Range(0, problem.KernelWidth).Select(_ => random.Next(-3, 4)).ToArray();
        var kernel = u.SelectMany(a => v.Select(b => (float)(a * b))).ToArray();
        var input = Enumerable.Range(0, problem.InputHeight * problem.InputWidth).Select(_ => (float)random.Next(-8, 9)).ToArray();
        var expected = Conv2D.Apply(input, problem.InputHeight, problem.InputWidth, kernel, problem.KernelHeight, problem.KernelWidth,
            problem.ToOptions() with { Algorithm = "Reference" }, out _, out _);

        Assert.True(_peer.AcceptsKernel(problem, kernel, out string why), why);
        using var prepared = _peer.Prepare(problem, input, kernel, threads: 1);
        prepared.Run();
        var actual = prepared.Result();
        double bound = 2 * problem.ErrorBound(input.Max(Math.Abs), kernel.Sum(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound, $"out[{i}] = {actual[i]}, Reference {expected[i]}, bound {bound}");
        Assert.Contains(actual, v => v != actual[0]);
    }

    [Fact]
    public void Full_rank_kernels_are_declined()
    {
        var problem = Conv2DProblem.Parse("h8w8_k3x3_same_constant0_s1_d1");
        Assert.False(_peer.AcceptsKernel(problem, [1, 2, 3, 4, 5, 6, 7, 8, 10], out string reason));
        Assert.Contains("rank-1", reason, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => _peer.Prepare(problem, new float[64], [1, 2, 3, 4, 5, 6, 7, 8, 10], 1));
    }
}
