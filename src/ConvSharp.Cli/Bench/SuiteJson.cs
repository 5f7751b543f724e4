using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ConvSharp.Cli.Bench;

/// <summary>The JSON of the <see cref="SuiteRow"/> suites, in the shape of the convolution suites' (docs/cli.md).</summary>
public static class SuiteJson
{
    /// <summary>The rows as JSON in the shape of the other suites' (<c>case</c>, <c>problem</c>, <c>algorithm</c>, <c>peer</c>, timings, <c>gflops</c>).</summary>
    public static string ToJson(string suite, MachineInfo machine, IReadOnlyList<SuiteRow> rows)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(rows);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            machine.WriteJson(json);
            json.WriteString("suite", suite);
            json.WriteStartArray("results");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("case", row.Case.Name);
                json.WriteString("problem", row.Case.Problem);
                json.WriteString("algorithm", row.Algorithm);
                json.WriteBoolean("peer", row.IsPeer);
                json.WriteString("device", "cpu");
                json.WriteString("runtime", row.Runtime);
                json.WriteNumber("median_ms", Math.Round(row.Timing.MedianMs, 4));
                json.WriteNumber("min_ms", Math.Round(row.Timing.MinMs, 4));
                json.WriteNumber("max_ms", Math.Round(row.Timing.MaxMs, 4));
                json.WriteNumber("runs", row.Timing.Runs);
                json.WriteNumber("gflops", Math.Round(row.GigaflopsPerSecond, 3));
                if (row.GigabytesPerSecond is { } bandwidth) json.WriteNumber("gb_per_s", Math.Round(bandwidth, 3));
                json.WriteNumber("max_rel_error", row.MaxRelativeError);
                json.WriteBoolean("verified", row.Verified);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

}
