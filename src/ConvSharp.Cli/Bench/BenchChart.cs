using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;

namespace ConvSharp.Cli.Bench;

/// <summary>The bench result as a bar chart of median milliseconds on a log scale (ScottPlot), one group of bars per problem.</summary>
public static class BenchChart
{
    /// <summary>Renders <paramref name="report"/> as PNG bytes.</summary>
    public static byte[] Render(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        var rows = report.Rows;
        // Bars start half a decade below the fastest row, so even the fastest bar is visible.
        double floor = Math.Log10(rows.Min(r => r.Timing.MedianMs)) - 0.5;
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        double position = 0;
        BenchCase? current = null;
        foreach (var row in rows)
        {
            if (current is not null && !ReferenceEquals(current, row.Case)) position += 1;   // a gap between problems
            current = row.Case;
            bool multiple = rows.Select(r => r.Case).Distinct().Count() > 1;
            bars.Add(new Bar
            {
                Position = position,
                ValueBase = floor,
                Value = Math.Log10(row.Timing.MedianMs),
                FillColor = !row.Verification.Verified ? Colors.Red : row.IsPeer ? Colors.DarkOrange : Colors.SteelBlue,
                Label = BenchReport.Ms(row.Timing.MedianMs),
            });
            ticks.Add(new Tick(position, multiple ? $"{row.Algorithm} {row.Case.Name}" : row.Algorithm, true));
            position += 1;
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = (6f * ticks.Max(t => t.Label.Length)) + 20;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => FormatMs(Math.Pow(10, y)),
        };
        plot.Axes.Left.Label.Text = "median ms (log scale; lower is faster)";
        plot.Title($"convsharp bench --suite {report.Suite}  ({report.Machine.Cpu}, {report.Machine.Cores} cores)");
        plot.Axes.SetLimitsY(floor, bars.Max(b => b.Value) + 0.4);
        plot.Axes.Margins(horizontal: 0.02);
        int width = Math.Max(800, 60 * rows.Count + 200);
        return plot.GetImageBytes(width, 600, ImageFormat.Png);
    }

    /// <summary>Writes the chart through <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Render(report));
    }

    private static string FormatMs(double ms) => ms >= 1 ? $"{ms:G4} ms" : $"{ms * 1000:G4} µs";
}
