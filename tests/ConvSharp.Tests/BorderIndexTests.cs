using ConvSharp.Borders;
using Xunit;

namespace ConvSharp.Tests;

public class BorderIndexTests
{
    [Theory]
    //                 index:  -5 -4 -3 -2 -1  0  1  2  3  4  5  6  7  8
    [InlineData(BorderMode.Constant, new[] { -1, -1, -1, -1, -1, 0, 1, 2, -1, -1, -1, -1, -1, -1 })]
    [InlineData(BorderMode.Replicate, new[] { 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2 })]
    [InlineData(BorderMode.Reflect, new[] { 1, 2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0, 1, 2 })]
    [InlineData(BorderMode.Reflect101, new[] { 1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1, 0 })]
    [InlineData(BorderMode.Wrap, new[] { 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2 })]
    public void Maps_indices_of_a_three_sample_row(BorderMode mode, int[] expected)
    {
        for (int k = 0; k < expected.Length; k++)
            Assert.Equal(expected[k], BorderIndex.Map(k - 5, 3, mode));
    }

    [Theory]
    [InlineData(BorderMode.Replicate)]
    [InlineData(BorderMode.Reflect)]
    [InlineData(BorderMode.Reflect101)]
    [InlineData(BorderMode.Wrap)]
    public void Single_sample_rows_always_map_to_it(BorderMode mode)
    {
        for (long index = -7; index <= 7; index++) Assert.Equal(0, BorderIndex.Map(index, 1, mode));
    }

    [Fact]
    public void Far_indices_do_not_overflow()
    {
        Assert.Equal(1, BorderIndex.Map(-4_000_000_001L, 3, BorderMode.Wrap));   // −4e9 − 1 ≡ 1 (mod 3)
        Assert.InRange(BorderIndex.Map(long.MaxValue / 4, 1000, BorderMode.Reflect101), 0, 999);
    }
}
