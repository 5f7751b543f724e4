using System;
using System.Collections.Generic;
using System.Linq;
using ConvSharp.Borders;
using ConvSharp.Execution;
using ConvSharp.Tests.Infrastructure;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>
/// The tile row source: a tile of the output, computed from a buffer that holds only the part of the image it reads
/// (its halo included), equals the same region of the whole-image result bit for bit, for every border, anchor, stride
/// and dilation, at any offset and width. Borders apply where the whole image ends, not where the tile ends.
/// </summary>
public class TileSourceTests
{
    public static IEnumerable<object[]> Cases()
    {
        string[] problems =
        [
            "h37w53_k3x3_same_constant0_s1_d1",
            "h37w53_k3x3_same_constant1.5_s1_d1",
            "h37w53_k5x5_same_replicate_s1_d1",
            "h37w53_k7x7_conv_same_reflect_s1_d1",
            "h37w53_k5x4_same_reflect101_a1x3_s1_d1",
            "h37w53_k4x6_same_wrap_s1_d1",
            "h37w53_k3x3_full_constant2_s1_d1",
            "h37w53_k3x5_valid_replicate_s1_d1",
            "h37w53_k3x3_same_reflect_s2x3_d1",
            "h37w53_k3x3_same_wrap_s1_d2x3",
            "h37w53_k9x2_conv_full_reflect101_s3x2_d2x1",
            "h6w5_k7x9_same_wrap_s1_d1",
        ];
        foreach (string problem in problems)
        foreach (string algorithm in new[] { "Direct", "Parallel", "Simd", "Stencil", "Separable" })
            yield return [algorithm, problem];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_tile_equals_its_region_of_the_whole_result(string algorithm, string text) => CheckTiles(algorithm, text, mirrored: false);

    /// <summary>
    /// Separable with mirrored rows (a Gaussian's), on rows wide enough for the row pass's blocks: the folded block and
    /// the folded edge kernel add in one order, so a tile, whose columns fall to the two differently, keeps the bits.
    /// </summary>
    [Theory]
    [InlineData("h29w150_k7x7_same_reflect_s1_d1")]
    [InlineData("h29w150_k15x15_same_constant0_s1_d1")]
    [InlineData("h31w170_k15x15_same_wrap_a3x2_s1_d1")]
    [InlineData("h40w180_k31x31_same_replicate_s1_d1")]
    public void A_mirrored_separable_tile_equals_its_region_of_the_whole_result(string text) => CheckTiles("Separable", text, mirrored: true);

    private static void CheckTiles(string algorithm, string text, bool mirrored)
    {
        var problem = Conv2DProblem.Parse(text);
        if (!Conv2D.FindAlgorithm(algorithm)!.Supports(problem, out _)) return;   // Stencil: strided and dilated cases go to Simd
        var input = TestData.RandomFloats(problem.InputHeight * problem.InputWidth, text.Length);
        var kernel = algorithm == "Separable"
            ? TestData.LowRankFloats(problem.KernelHeight, problem.KernelWidth, rank: 2, text.Length + 1)
            : TestData.RandomFloats(problem.KernelHeight * problem.KernelWidth, text.Length + 1);
        if (mirrored) kernel = TestData.Mirrored(kernel, problem.KernelHeight, problem.KernelWidth);
        var plan = Conv2D.Plan(problem.InputHeight, problem.InputWidth, problem.KernelHeight, problem.KernelWidth, problem.ToOptions() with { Algorithm = algorithm, MaxWorkspaceBytes = mirrored ? Conv2DOptions.DefaultMaxWorkspaceBytes : 96 * 1024 });
        using var whole = plan.Prepare(new ReadOnlyPlane2D(kernel, problem.KernelHeight, problem.KernelWidth));
        // Small bands on three threads; Separable also gets a small workspace cap, so its strips are short (mirrored: the
        // default cap, so the whole plane runs the one-pass form and the tiles the strips).
        var context = new ExecutionContext { MaxDegreeOfParallelism = 3, MinimumWorkPerBand = 1 };
        var expected = ConformanceCheck.Run(whole, input, 0, context, out _);

        // Tiles at every corner, edge and the middle, of several sizes (one column, one row, odd widths).
        int oh = problem.OutputHeight, ow = problem.OutputWidth;
        var tiles = new List<TileRegion>();
        foreach (var (h, w) in new[] { (1, 1), (1, ow), (oh, 1), (Math.Min(5, oh), Math.Min(17, ow)), (Math.Min(11, oh), Math.Min(33, ow)) })
        foreach (int row in new[] { 0, (oh - h) / 2, oh - h })
        foreach (int column in new[] { 0, (ow - w) / 3, ow - w })
            tiles.Add(new TileRegion(row, column, h, w));

        int checkedTiles = 0;
        foreach (var tile in tiles.Distinct())
        {
            var region = TileRegion.Required(problem, tile);
            if (region.Height == 0) region = new TileRegion(0, 0, 1, 1);   // reads only the fill value
            var buffer = new float[region.Height * region.Width];
            for (int r = 0; r < region.Height; r++)
                input.AsSpan(((region.Row + r) * problem.InputWidth) + region.Column, region.Width).CopyTo(buffer.AsSpan(r * region.Width));
            var output = new float[tile.Height * tile.Width];
            ((ITileExecution)whole).ExecuteTile(new ReadOnlyPlane2D(buffer, region.Height, region.Width), region.Row, region.Column,
                new Plane2D(output, tile.Height, tile.Width), tile, context);
            for (int y = 0; y < tile.Height; y++)
            {
                for (int x = 0; x < tile.Width; x++)
                {
                    float e = expected[((tile.Row + y) * ow) + tile.Column + x], a = output[(y * tile.Width) + x];
                    Assert.True(e.Equals(a), $"{algorithm} on {problem}, tile {tile} (input {region}): out[{y},{x}] = {a:R}, whole = {e:R}");
                }
            }

            checkedTiles++;
        }

        Assert.True(checkedTiles >= 10, $"only {checkedTiles} tiles");
    }

    /// <summary>
    /// A corner tile whose buffer pitch is 1024 floats (what would make a whole-plane call stage its rows) but whose rows
    /// are narrower than the image: tiles never stage (a staged row copies the image's width), and still match.
    /// </summary>
    [Fact]
    public void A_tile_with_a_4K_pitch_does_not_stage_and_matches()
    {
        var problem = Conv2DProblem.Parse("h40w1500_k7x7_same_reflect_s1_d1");
        var input = TestData.RandomFloats(40 * 1500, 5);
        var kernel = TestData.RandomFloats(49, 6);
        using var whole = Conv2D.Plan(40, 1500, 7, 7, problem.ToOptions() with { Algorithm = "Stencil" }).Prepare(new ReadOnlyPlane2D(kernel, 7, 7));
        var expected = ConformanceCheck.Run(whole, input, 0, ExecutionContext.Default, out _);
        var tile = new TileRegion(0, 0, 30, 600);
        var region = TileRegion.Required(problem, tile);
        var buffer = new float[region.Height * 1024];
        for (int r = 0; r < region.Height; r++) input.AsSpan(r * 1500, region.Width).CopyTo(buffer.AsSpan(r * 1024));
        var output = new float[30 * 600];
        ((ITileExecution)whole).ExecuteTile(new ReadOnlyPlane2D(buffer, region.Height, region.Width, 1024), 0, 0, new Plane2D(output, 30, 600), tile, ExecutionContext.Default);
        for (int y = 0; y < 30; y++)
            Assert.True(expected.AsSpan(y * 1500, 600).SequenceEqual(output.AsSpan(y * 600, 600)), $"row {y}");
    }

    [Fact]
    public void A_middle_tile_reads_only_its_halo_and_a_short_buffer_is_rejected()
    {
        var problem = Conv2DProblem.Parse("h40w50_k5x5_same_reflect_s1_d1");
        var tile = new TileRegion(10, 20, 6, 8);
        var region = TileRegion.Required(problem, tile);
        Assert.Equal(new TileRegion(8, 18, 10, 12), region);   // the tile plus a 2-sample halo on each side

        // At the image's corner, Reflect maps the rows and columns above and left of the image back inside it.
        Assert.Equal(new TileRegion(0, 0, 3, 3), TileRegion.Required(problem, new TileRegion(0, 0, 1, 1)));

        using var prepared = Conv2D.Plan(40, 50, 5, 5, problem.ToOptions() with { Algorithm = "Simd" }).Prepare(new ReadOnlyPlane2D(new float[25], 5, 5));
        var tiles = (ITileExecution)prepared;
        var output = new float[48];
        var error = Assert.Throws<ArgumentException>(() => tiles.ExecuteTile(
            new ReadOnlyPlane2D(new float[9 * 12], 9, 12), region.Row, region.Column, new Plane2D(output, 6, 8), tile, ExecutionContext.Default));
        Assert.Equal("input", error.ParamName);
        Assert.Throws<ArgumentException>(() => tiles.ExecuteTile(
            new ReadOnlyPlane2D(new float[120], 10, 12), region.Row, region.Column, new Plane2D(output, 6, 8), new TileRegion(36, 20, 6, 8), ExecutionContext.Default));
    }
}
