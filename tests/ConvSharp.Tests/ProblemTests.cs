using System;
using Xunit;

namespace ConvSharp.Tests;

public class ProblemTests
{
    [Fact]
    public void Sizes_match_hand_computed_values()
    {
        Assert.Equal((12, 14), Shape(10, 10, 3, 5, new() { Size = OutputSize.Full }));
        Assert.Equal((8, 6), Shape(10, 10, 3, 5, new() { Size = OutputSize.Valid }));
        Assert.Equal((4, 4), Shape(10, 10, 3, 5, new() { Stride = (3, 3) }));                             // ⌈10/3⌉
        Assert.Equal((3, 1), Shape(10, 10, 3, 5, new() { Size = OutputSize.Valid, Stride = (2, 2), Dilation = (2, 2) })); // ⌊(10−5)/2⌋+1, ⌊(10−9)/2⌋+1
        Assert.Equal((1023, 1023), Shape(1024, 1024, 2, 2, new() { Size = OutputSize.Valid }));
    }

    [Fact]
    public void Canonical_string_and_round_trip()
    {
        var problem = Conv2DProblem.Create(1024, 1024, 3, 3);
        Assert.Equal("h1024w1024_k3x3_same_constant0_s1_d1", problem.ToString());

        var fancy = Conv2DProblem.Create(7, 9, 4, 2, new Conv2DOptions
        {
            Kind = ConvolutionKind.Convolution, Border = Border.Constant(-1.5f), Anchor = (0, 1), Stride = (2, 1), Dilation = (1, 3),
        });
        Assert.Equal("h7w9_k4x2_conv_same_constant-1.5_a0x1_s2x1_d1x3", fancy.ToString());
        Assert.Equal(fancy, Conv2DProblem.Parse(fancy.ToString()));
        foreach (var border in new[] { Border.Replicate, Border.Reflect, Border.Reflect101, Border.Wrap })
        {
            var p = Conv2DProblem.Create(5, 5, 3, 3, new Conv2DOptions { Border = border, Size = OutputSize.Full });
            Assert.Equal(p.ToString(), Conv2DProblem.Parse(p.ToString()).ToString());
        }

        Assert.Throws<FormatException>(() => Conv2DProblem.Parse("h10w10_k3x3"));
    }

    [Fact]
    public void Default_anchors_follow_scipy_signal()
    {
        Assert.Equal((1, 1), Conv2DProblem.Create(9, 9, 3, 3).Anchor);
        Assert.Equal((0, 1), Conv2DProblem.Create(9, 9, 2, 4).Anchor);                                             // ((2−1)/2, (4−1)/2)
        Assert.Equal((1, 2), Conv2DProblem.Create(9, 9, 2, 4, new() { Kind = ConvolutionKind.Convolution }).Anchor); // (2/2, 4/2)
        Assert.Equal((2, 2), Conv2DProblem.Create(9, 9, 3, 3, new() { Dilation = (2, 2) }).Anchor);                // dilated 5×5
        Assert.Equal((2, 3), Conv2DProblem.Create(9, 9, 3, 4, new() { Size = OutputSize.Full }).Anchor);
        Assert.Equal((0, 0), Conv2DProblem.Create(9, 9, 3, 4, new() { Size = OutputSize.Valid }).Anchor);
    }

    [Fact]
    public void Invalid_problems_name_the_parameter_and_value()
    {
        AssertThrows<ArgumentOutOfRangeException>("inputHeight", "0", () => Conv2DProblem.Create(0, 5, 3, 3));
        AssertThrows<ArgumentOutOfRangeException>("kernelWidth", "-2", () => Conv2DProblem.Create(5, 5, 3, -2));
        AssertThrows<ArgumentOutOfRangeException>("options.Stride", "(0, 1)", () => Conv2DProblem.Create(5, 5, 3, 3, new() { Stride = (0, 1) }));
        AssertThrows<ArgumentOutOfRangeException>("options.Dilation", "(1, -1)", () => Conv2DProblem.Create(5, 5, 3, 3, new() { Dilation = (1, -1) }));
        AssertThrows<ArgumentException>("kernel", "6x3", () => Conv2DProblem.Create(5, 5, 6, 3, new() { Size = OutputSize.Valid }));
        AssertThrows<ArgumentException>("kernel", "dilated 5x5", () => Conv2DProblem.Create(4, 4, 3, 3, new() { Size = OutputSize.Valid, Dilation = (2, 2) }));
        AssertThrows<ArgumentOutOfRangeException>("options.Anchor", "(3, 0)", () => Conv2DProblem.Create(5, 5, 3, 3, new() { Anchor = (3, 0) }));
        AssertThrows<ArgumentOutOfRangeException>("options.Anchor", "(0, -1)", () => Conv2DProblem.Create(5, 5, 3, 3, new() { Anchor = (0, -1) }));
        AssertThrows<ArgumentException>("options.Anchor", "OutputSize.Same", () => Conv2DProblem.Create(5, 5, 3, 3, new() { Anchor = (1, 0), Size = OutputSize.Full }));
        AssertThrows<ArgumentOutOfRangeException>("input", "100000x100000", () => Conv2DProblem.Create(100_000, 100_000, 3, 3));
        AssertThrows<ArgumentOutOfRangeException>("options.Dilation", "overflows", () => Conv2DProblem.Create(5, 5, 3, 3, new() { Dilation = (int.MaxValue, 1) }));
        AssertThrows<ArgumentOutOfRangeException>("output", "elements", () => Conv2DProblem.Create(40_000, 40_000, 10_000, 10_000, new() { Size = OutputSize.Full }));
    }

    internal static void AssertThrows<T>(string paramName, string valueText, Action action)
        where T : ArgumentException
    {
        var e = Assert.Throws<T>(action);
        Assert.Equal(paramName, e.ParamName);
        Assert.Contains(valueText, e.Message, StringComparison.Ordinal);
    }

    private static (int, int) Shape(int h, int w, int kh, int kw, Conv2DOptions options)
    {
        var p = Conv2DProblem.Create(h, w, kh, kw, options);
        return (p.OutputHeight, p.OutputWidth);
    }
}
