using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvSharp.Cli.Bench;

/// <summary>What the JSON's <c>machine</c> object and <c>convsharp info</c> report.</summary>
/// <param name="Cpu">The CPU model.</param>
/// <param name="Cores">Logical processors available to the process.</param>
/// <param name="Simd">Hardware-accelerated vector widths, widest first.</param>
/// <param name="Os">Operating system.</param>
/// <param name="DotNet">.NET runtime.</param>
public sealed record MachineInfo(string Cpu, int Cores, IReadOnlyList<string> Simd, string Os, string DotNet)
{
    /// <summary>This machine.</summary>
    public static MachineInfo Current { get; } = Detect();

    /// <summary>Writes the <c>machine</c> object every suite's JSON starts with.</summary>
    public void WriteJson(System.Text.Json.Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject("machine");
        json.WriteString("cpu", Cpu);
        json.WriteNumber("cores", Cores);
        json.WriteStartArray("simd");
        foreach (string tier in Simd) json.WriteStringValue(tier);
        json.WriteEndArray();
        json.WriteString("os", Os);
        json.WriteString("dotnet", DotNet);
        json.WriteEndObject();
    }

    private static MachineInfo Detect()
    {
        var simd = new List<string>();
        if (Vector512.IsHardwareAccelerated) simd.Add("Vector512");
        if (Vector256.IsHardwareAccelerated) simd.Add("Vector256");
        if (Vector128.IsHardwareAccelerated) simd.Add("Vector128");
        return new MachineInfo(CpuModel(), Environment.ProcessorCount, simd, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null) return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
            // Fall through to the architecture name.
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
