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
    public void A_tile_equals_its_region_of_the_whole_result(string algorithm, string text)
    {
        var problem = Conv2DProblem.Parse(text);
        if (!Conv2D.FindAlgorithm(algorithm)!.Supports(problem, out _)) return;   // Stencil: strided and dilated cases go to Simd
        var input = TestData.RandomFloats(problem.InputHeight * problem.InputWidth, text.Length);
        var kernel = algorithm == "Separable"
            ? TestData.LowRankFloats(problem.KernelHeight, problem.KernelWidth, rank: 2, text.Length + 1)
            : TestData.RandomFloats(problem.KernelHeight * problem.KernelWidth, text.Length + 1);
        var plan = Conv2D.Plan(problem.InputHeight, problem.InputWidth, problem.KernelHeight, problem.KernelWidth, problem.ToOptions() with { Algorithm = algorithm, MaxWorkspaceBytes = 96 * 1024 });
        using var whole = plan.Prepare(new ReadOnlyPlane2D(kernel, problem.KernelHeight, problem.KernelWidth));
        // Small bands on three threads; Separable also gets a small workspace cap, so its strips are short.
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
