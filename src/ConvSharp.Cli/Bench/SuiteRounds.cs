using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvSharp.Cli.Bench;

/// <summary>
/// Merges the rows of a fixed suite's case measured in several rounds (<c>--rounds</c>), where our rows and the Python
/// peers' alternate. Each round gives every row its own median (the peers report medians, not runs), so a merged row
/// takes the median of its rounds' medians, the least min, the greatest max and all the runs; its error is the worst
/// round's, and it is verified only if every round was.
/// </summary>
public static class SuiteRounds
{
    /// <summary>The rows of <paramref name="rounds"/> merged by algorithm name, in the order they first appear.</summary>
    public static List<SuiteRow> Merge(IReadOnlyList<IReadOnlyList<SuiteRow>> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var order = new List<string>();
        var byName = new Dictionary<string, List<SuiteRow>>(StringComparer.Ordinal);
        foreach (var row in rounds.SelectMany(r => r))
        {
            if (!byName.TryGetValue(row.Algorithm, out var list))
            {
                byName[row.Algorithm] = list = [];
                order.Add(row.Algorithm);
            }

            list.Add(row);
        }

        return order.Select(name => Merge(byName[name])).ToList();
    }

    private static SuiteRow Merge(List<SuiteRow> rows)
    {
        if (rows.Count == 1) return rows[0];
        var medians = Timing.FromSamples(rows.Select(r => r.Timing.MedianMs).ToList());
        var timing = new Timing(medians.MedianMs, rows.Min(r => r.Timing.MinMs), rows.Max(r => r.Timing.MaxMs), rows.Sum(r => r.Timing.Runs));
        return rows[0] with { Timing = timing, MaxRelativeError = rows.Max(r => r.MaxRelativeError), Verified = rows.All(r => r.Verified) };
    }
}
