using System;
using System.Linq;
using ConvSharp.Cli.Kernels;
using Xunit;

namespace ConvSharp.Cli.Tests;

public class KernelParserTests
{
    [Fact]
    public void Presets_have_their_textbook_values()
    {
        Assert.Equal(new float[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 }, KernelParser.Parse("sobel-x").Data);
        Assert.Equal(new float[] { -3, -10, -3, 0, 0, 0, 3, 10, 3 }, KernelParser.Parse("scharr-y").Data);
        Assert.Equal(0f, KernelParser.Parse("laplacian").Data.Sum());
        Assert.Equal(1f, KernelParser.Parse("sharpen").Data.Sum());
        Assert.Equal(1f, KernelParser.Parse("identity").Data[4]);
        Assert.Equal(1.0, KernelParser.Parse("box:5").Data.Sum(v => (double)v), 5);

        var gauss = KernelParser.Parse("gaussian:7:1.5");
        Assert.Equal((7, 7), (gauss.Rows, gauss.Columns));
        Assert.Equal(1.0, gauss.Data.Sum(v => (double)v), 5);
        Assert.Equal(gauss.Data.Max(), gauss.Data[24]);   // peak at the centre

        Assert.Equal(KernelParser.Parse("random:4:9").Data, KernelParser.Parse("random:4:9").Data);
        Assert.NotEqual(KernelParser.Parse("random:4:9").Data, KernelParser.Parse("random:4:10").Data);
    }

    [Fact]
    public void Inline_matrices_parse_row_by_row()
    {
        var k = KernelParser.Parse("1,2,1;0,0,0;-1,-2,-1");
        Assert.Equal((3, 3), (k.Rows, k.Columns));
        Assert.Equal(new float[] { 1, 2, 1, 0, 0, 0, -1, -2, -1 }, k.Data);
        Assert.Equal((1, 1), (KernelParser.Parse("2.5").Rows, KernelParser.Parse("2.5").Columns));
    }

    [Theory]
    [InlineData("box:0", "N = 0")]
    [InlineData("box:2.5", "whole number")]
    [InlineData("gaussian:5:-1", "sigma")]
    [InlineData("gaussian:5", "expected gaussian:N:sigma")]
    [InlineData("sobel-x:3", "takes no arguments")]
    [InlineData("1,2;3,nan", "finite")]
    public void Bad_kernels_name_the_problem(string text, string message)
    {
        var e = Assert.Throws<CliException>(() => KernelParser.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
