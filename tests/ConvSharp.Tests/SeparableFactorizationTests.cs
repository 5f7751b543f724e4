using System;
using System.Linq;
using ConvSharp.Algorithms.Separable;
using ConvSharp.Tests.Infrastructure;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>The rank-revealing factorisation behind Separable, from hand-checkable kernels up.</summary>
public class SeparableFactorizationTests
{
    [Theory]
    [InlineData("sobel-x", new float[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 }, 3, 3)]
    [InlineData("box", new float[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 3, 3)]
    [InlineData("binomial 3", new float[] { 1, 2, 1, 2, 4, 2, 1, 2, 1 }, 3, 3)]
    [InlineData("scaled outer product", new float[] { 4, 6, 6, 9 }, 2, 2)]
    [InlineData("row", new float[] { 3, -6, 9 }, 1, 3)]
    public void Integer_rank_one_kernels_get_exact_integer_factors(string name, float[] kernel, int kh, int kw)
    {
        var factors = KernelFactorization.Factorize(kernel, kh, kw, SeparableConvolution.MaxRank);
        Assert.NotNull(factors);
        Assert.True(factors.Exact, name);
        Assert.Equal(1, factors.Rank);
        Assert.Equal(0, factors.ResidualAbsSum);
        Assert.All(factors.Columns[0].Concat(factors.Rows[0]), f => Assert.Equal(MathF.Round(f), f));
        for (int i = 0; i < kh; i++)
        {
            for (int j = 0; j < kw; j++) Assert.Equal(kernel[(i * kw) + j], factors.Columns[0][i] * factors.Rows[0][j]);
        }
    }

    [Fact]
    public void Binomial_5x5_factors_as_its_row()
    {
        float[] b = [1, 4, 6, 4, 1];
        var factors = KernelFactorization.Factorize(b.SelectMany(x => b.Select(y => x * y)).ToArray(), 5, 5, 3)!;
        Assert.True(factors.Exact);
        Assert.Equal(b.Select(Math.Abs), factors.Columns[0].Select(Math.Abs));
    }

    [Fact]
    public void A_float_gaussian_is_rank_one_within_tolerance()
    {
        var g = Enumerable.Range(0, 15).Select(i => Math.Exp(-((i - 7) * (i - 7)) / 18.0)).ToArray();
        double sum = g.Sum();
        var kernel = g.SelectMany(a => g.Select(b => (float)(a * b / (sum * sum)))).ToArray();
        var factors = KernelFactorization.Factorize(kernel, 15, 15, 3)!;
        Assert.Equal(1, factors.Rank);
        Assert.False(factors.Exact);
        Assert.True(factors.ResidualAbsSum <= KernelFactorization.RelativeTolerance * kernel.Sum(Math.Abs));
    }

    [Fact]
    public void Mirrored_row_factors_are_flagged_for_the_folded_row_pass()
    {
        float[] g = [1, 4, 6, 4, 1];
        Assert.Equal(1, KernelFactorization.Factorize(g.SelectMany(x => g.Select(y => x * y)).ToArray(), 5, 5, 3)!.MirroredRows);
        float[] sobelX = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
        Assert.Equal(0, KernelFactorization.Factorize(sobelX, 3, 3, 3)!.MirroredRows);   // its row factor is odd, not mirrored
        float[] sobelY = [-1, -2, -1, 0, 0, 0, 1, 2, 1];
        Assert.Equal(1, KernelFactorization.Factorize(sobelY, 3, 3, 3)!.MirroredRows);   // its row factor is the smoothing [1 2 1]
        var dog = TestData.Mirrored(TestData.LowRankFloats(15, 15, rank: 2, seed: 7), 15, 15);
        Assert.Equal(3, KernelFactorization.Factorize(dog, 15, 15, 3)!.MirroredRows);
    }

    [Fact]
    public void A_difference_of_gaussians_is_rank_two()
    {
        float[] Gaussian(double sigma)
        {
            var g = Enumerable.Range(0, 15).Select(i => Math.Exp(-((i - 7) * (i - 7)) / (2 * sigma * sigma))).ToArray();
            double s = g.Sum();
            return g.SelectMany(a => g.Select(b => (float)(a * b / (s * s)))).ToArray();
        }

        var dog = Gaussian(2).Zip(Gaussian(4), (a, b) => a - b).ToArray();
        var factors = KernelFactorization.Factorize(dog, 15, 15, 3)!;
        Assert.Equal(2, factors.Rank);
    }

    [Fact]
    public void Full_rank_zero_and_non_finite_kernels_are_declined()
    {
        var random = new Random(5);
        Assert.Null(KernelFactorization.Factorize(Enumerable.Range(0, 49).Select(_ => (float)random.NextDouble()).ToArray(), 7, 7, 3));
        Assert.Null(KernelFactorization.Factorize(new float[9], 3, 3, 3));
        Assert.Null(KernelFactorization.Factorize([1, float.NaN, 1, 1], 2, 2, 3));
    }

    [Fact]
    public void Any_three_by_three_is_at_most_rank_three_and_its_bound_covers_the_error()
    {
        float[] kernel = [1, 2, 3, 4, 5, 6, 7, 8, 10];   // full rank
        var factors = KernelFactorization.Factorize(kernel, 3, 3, 3)!;
        Assert.Equal(3, factors.Rank);
        Assert.True(factors.FactorAbsSum >= kernel.Sum(Math.Abs) * 0.999);
    }
}
