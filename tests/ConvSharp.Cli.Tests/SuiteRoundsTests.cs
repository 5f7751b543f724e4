using System.Collections.Generic;
using ConvSharp.Cli.Bench;
using Xunit;

namespace ConvSharp.Cli.Tests;

public class SuiteRoundsTests
{
    private static readonly GemmBenchCase Case = GemmBenchCase.Suite[0];

    private static SuiteRow Row(string name, double median, double min, double max, int runs, double error = 1e-7, bool verified = true) =>
        new(Case, name, name.StartsWith("torch", System.StringComparison.Ordinal), "dotnet", new Timing(median, min, max, runs), error, verified);

    [Fact]
    public void Rows_merge_by_name_into_the_median_of_their_rounds_medians()
    {
        var rounds = new List<IReadOnlyList<SuiteRow>>
        {
            new[] { Row("ours", 1.0, 0.9, 1.5, 10), Row("torch", 2.0, 1.8, 2.2, 5) },
            new[] { Row("ours", 3.0, 2.5, 4.0, 10), Row("torch", 2.4, 2.0, 3.0, 5, error: 3e-7) },
            new[] { Row("ours", 1.2, 1.1, 1.3, 10), Row("torch", 2.2, 2.1, 2.3, 5, verified: false) },
        };

        var merged = SuiteRounds.Merge(rounds);

        Assert.Equal(["ours", "torch"], merged.ConvertAll(r => r.Algorithm));
        Assert.Equal(new Timing(1.2, 0.9, 4.0, 30), merged[0].Timing);
        Assert.Equal(new Timing(2.2, 1.8, 3.0, 15), merged[1].Timing);
        Assert.True(merged[0].Verified);
        Assert.False(merged[1].Verified);
        Assert.Equal(3e-7, merged[1].MaxRelativeError);
    }

    [Fact]
    public void One_round_is_returned_as_it_is()
    {
        var row = Row("ours", 1.0, 0.9, 1.5, 10);
        Assert.Same(row, Assert.Single(SuiteRounds.Merge([new[] { row }])));
        Assert.Empty(SuiteRounds.Merge([]));
    }
}
