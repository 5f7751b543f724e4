using System;
using System.Linq;
using Xunit;

namespace ConvSharp.Peers.Tests;

/// <summary>The OpenCV mapping in docs/semantics.md, checked against Reference on small-integer data.</summary>
public class OpenCvFilter2DPeerTests
{
    private readonly OpenCvFilter2DPeer _peer = new();

    public static TheoryData<string> Problems() => new()
    {
        "h17w23_k3x3_same_constant0_s1_d1",
        "h17w23_k3x3_same_replicate_s1_d1",
        "h17w23_k3x3_same_reflect_s1_d1",
        "h17w23_k3x3_same_reflect101_s1_d1",
        "h17w23_k5x4_conv_same_reflect101_s1_d1",
        "h17w23_k4x2_same_replicate_a3x0_s1_d1",
        "h9w40_k7x7_same_constant0_s1_d1",
    };

    [OpenCvTheory]
    [MemberData(nameof(Problems))]
    public void Filter2D_matches_reference(string text)
    {
        var problem = Conv2DProblem.Parse(text);
        Assert.True(_peer.Supports(problem, out string reason), reason);
        var random = new Random(text.Length);
        var input = Enumerable.Range(0, problem.InputHeight * problem.InputWidth).Select(_ => (float)random.Next(-8, 9)).ToArray();
        var kernel = Enumerable.Range(0, problem.KernelHeight * problem.KernelWidth).Select(_ => (float)random.Next(-8, 9)).ToArray();
        var expected = Conv2D.Apply(input, problem.InputHeight, problem.InputWidth, kernel, problem.KernelHeight, problem.KernelWidth,
            problem.ToOptions() with { Algorithm = "Reference" }, out _, out _);

        using var prepared = _peer.Prepare(problem, input, kernel, threads: 1);
        prepared.Run();
        Assert.Equal(expected, prepared.Result());
    }

    [Theory]
    [InlineData("h8w8_k3x3_valid_constant0_s1_d1", "Same only")]
    [InlineData("h8w8_k3x3_same_wrap_s1_d1", "BORDER_WRAP")]
    [InlineData("h8w8_k3x3_same_constant1_s1_d1", "always 0")]
    [InlineData("h8w8_k3x3_same_constant0_s2_d1", "stride")]
    [InlineData("h8w8_k3x3_same_constant0_s1_d2", "dilation")]
    public void Unsupported_problems_say_why(string text, string message)
    {
        Assert.False(_peer.Supports(Conv2DProblem.Parse(text), out string reason));
        Assert.Contains(message, reason, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => _peer.Prepare(Conv2DProblem.Parse(text), new float[64], new float[9], -1));
    }

    [Fact]
    public void Unavailable_library_says_how_to_get_it()
    {
        // Where GTK 3 is missing the native library cannot load; the one-line reason must name the fix.
        if (!_peer.IsAvailable(out string why)) Assert.Contains("libgtk-3-0", why, StringComparison.Ordinal);
        else Assert.Equal("", why);
    }
}
