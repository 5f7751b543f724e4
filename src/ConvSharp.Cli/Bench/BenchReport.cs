using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ConvSharp.Cli.Bench;

/// <summary>A finished bench run and its renderings: JSON (the documented schema), CSV and Markdown.</summary>
/// <param name="Suite">The suite name.</param>
/// <param name="Machine">Where it ran.</param>
/// <param name="Rows">Every row, grouped by problem in run order.</param>
public sealed record BenchReport(string Suite, MachineInfo Machine, IReadOnlyList<BenchRow> Rows)
{
    /// <summary>True when every row matched Reference within tolerance.</summary>
    public bool AllVerified => Rows.All(r => r.Verification.Verified);

    /// <summary>Naive's median ÷ this row's median, for the same problem; null without a Naive row.</summary>
    public double? SpeedupVsNaive(BenchRow row) => Baseline(row, r => r.Algorithm == "Naive") is { } naive ? naive.Timing.MedianMs / row.Timing.MedianMs : null;

    /// <summary>This row's median ÷ OpenCV's, for the same problem; null without an OpenCV row.</summary>
    /// <remarks>The baseline is the fastest OpenCV row of the case (filter2D, or sepFilter2D where it runs).</remarks>
    public double? RatioVsOpenCv(BenchRow row) =>
        Rows.Where(r => ReferenceEquals(r.Case, row.Case) && r.IsPeer && IsOpenCv(r))
            .MinBy(r => r.Timing.MedianMs) is { } cv ? row.Timing.MedianMs / cv.Timing.MedianMs : null;

    /// <summary>OpenCV in process (OpenCvSharp) or through Python's cv2: the fastest of them is the OpenCV a row is judged against.</summary>
    public static bool IsOpenCv(BenchRow row) =>
        row is not null && (row.Algorithm.StartsWith("OpenCV", StringComparison.Ordinal) || row.Algorithm.StartsWith("cv2.", StringComparison.Ordinal));

    /// <summary>The JSON document whose schema docs/cli.md describes.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            Machine.WriteJson(json);
            json.WriteString("suite", Suite);
            json.WriteStartArray("results");
            foreach (var row in Rows)
            {
                json.WriteStartObject();
                json.WriteString("case", row.Case.Name);
                json.WriteString("problem", row.Case.Problem.ToString());
                json.WriteString("algorithm", row.Algorithm);
                json.WriteBoolean("peer", row.IsPeer);
                json.WriteString("device", row.Device);
                json.WriteString("runtime", row.Runtime);
                json.WriteNumber("median_ms", Round(row.Timing.MedianMs));
                json.WriteNumber("min_ms", Round(row.Timing.MinMs));
                json.WriteNumber("max_ms", Round(row.Timing.MaxMs));
                json.WriteNumber("runs", row.Timing.Runs);
                json.WriteNumber("gflops", Round(row.GigaflopsPerSecond));
                json.WriteNumber("max_abs_error", Finite(row.Verification.MaxAbsError));
                json.WriteBoolean("verified", row.Verification.Verified);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One line per row, with every table column.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder("case,problem,algorithm,peer,device,median_ms,min_ms,max_ms,speedup_vs_naive,ratio_vs_opencv,gflops,gbps,max_abs_error,max_rel_error,verified\n");
        foreach (var row in Rows)
        {
            text.AppendLine(string.Join(',',
                row.Case.Name, row.Case.Problem.ToString(), Quote(row.Algorithm), Bool(row.IsPeer), row.Device,
                Number(row.Timing.MedianMs), Number(row.Timing.MinMs), Number(row.Timing.MaxMs),
                Optional(SpeedupVsNaive(row)), Optional(RatioVsOpenCv(row)),
                Number(row.GigaflopsPerSecond), Number(row.EffectiveGigabytesPerSecond),
                Number(row.Verification.MaxAbsError), Number(row.Verification.MaxRelError), Bool(row.Verification.Verified)));
        }

        return text.ToString();
    }

    /// <summary>A GitHub-flavoured Markdown table with the machine line above it.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Suite `{Suite}` on {Machine.Cpu}, {Machine.Cores} cores, {string.Join("/", Machine.Simd)}, {Machine.DotNet}.");
        text.AppendLine();
        text.AppendLine("| case | problem | algorithm | median ms | min ms | max ms | vs Naive | vs OpenCV | GFLOP/s | GB/s | max error (abs / rel) | verified |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in Rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Case.Name} | `{row.Case.Problem}` | {row.Algorithm} | {Ms(row.Timing.MedianMs)} | {Ms(row.Timing.MinMs)} | {Ms(row.Timing.MaxMs)} | {Times(SpeedupVsNaive(row))} | {Times(RatioVsOpenCv(row))} | {row.GigaflopsPerSecond:F1} | {row.EffectiveGigabytesPerSecond:F1} | {Errors(row.Verification)} | {(row.Verification.Verified ? "yes" : "**NO**")} |");
        }

        return text.ToString();
    }

    /// <summary>Max absolute and max relative error, e.g. "2.44e-04 / 9.6e-07".</summary>
    public static string Errors(Verification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return verification.MaxAbsError == 0
            ? "0"
            : string.Create(CultureInfo.InvariantCulture, $"{verification.MaxAbsError:0.##e+00} / {verification.MaxRelError:0.#e+00}");
    }

    /// <summary>Milliseconds with sensible precision.</summary>
    public static string Ms(double ms) => ms.ToString(ms < 1 ? "F3" : ms < 100 ? "F2" : "F1", CultureInfo.InvariantCulture);

    /// <summary>A ratio as "12.3x", or "—".</summary>
    public static string Times(double? ratio) => ratio is { } r ? r.ToString(r < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + "x" : "—";

    private BenchRow? Baseline(BenchRow row, Func<BenchRow, bool> which) =>
        Rows.FirstOrDefault(r => ReferenceEquals(r.Case, row.Case) && which(r));

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 6) : 0;

    private static double Finite(double v) => double.IsFinite(v) ? v : double.MaxValue;

    private static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string Optional(double? v) => v is { } x ? Number(x) : "";

    private static string Bool(bool v) => v ? "true" : "false";

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
