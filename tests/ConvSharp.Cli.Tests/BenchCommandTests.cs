using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ConvSharp.Peers;
using Xunit;

namespace ConvSharp.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void Seed_suite_runs_every_algorithm_verifies_and_writes_every_report()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("bench", "--size", "64", "--max-seconds", "0.05",
            "--json", folder.File("r.json"), "--csv", folder.File("r.csv"), "--markdown", folder.File("r.md"), "--chart", folder.File("r.png"));
        Assert.True(exit == 0, error + stdout);

        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("r.json")));
        var root = json.RootElement;
        Assert.Equal("seed", root.GetProperty("suite").GetString());
        var machine = root.GetProperty("machine");
        foreach (string key in new[] { "cpu", "os", "dotnet" }) Assert.False(string.IsNullOrEmpty(machine.GetProperty(key).GetString()));
        Assert.Equal(Environment.ProcessorCount, machine.GetProperty("cores").GetInt32());
        Assert.Equal(JsonValueKind.Array, machine.GetProperty("simd").ValueKind);

        var results = root.GetProperty("results").EnumerateArray().ToList();
        var names = results.Select(r => r.GetProperty("algorithm").GetString()!).ToList();
        foreach (var algorithm in Conv2D.Algorithms) Assert.Contains(algorithm.Name, names);
        Assert.Contains(names, n => n.StartsWith("Auto (", StringComparison.Ordinal));
        foreach (var result in results)
        {
            Assert.Equal("h64w64_k3x3_same_constant0_s1_d1", result.GetProperty("problem").GetString());
            Assert.Equal("cpu", result.GetProperty("device").GetString());
            Assert.True(result.GetProperty("verified").GetBoolean());
            Assert.True(result.GetProperty("median_ms").GetDouble() > 0);
            double min = result.GetProperty("min_ms").GetDouble(), max = result.GetProperty("max_ms").GetDouble();
            Assert.InRange(result.GetProperty("median_ms").GetDouble(), min, max);
            Assert.True(result.GetProperty("gflops").GetDouble() > 0);
            Assert.True(result.TryGetProperty("max_abs_error", out _));
            Assert.Equal(JsonValueKind.False == result.GetProperty("peer").ValueKind ? false : true, result.GetProperty("peer").GetBoolean());
        }

        if (PeerCatalog.All[0].IsAvailable(out string why))
            Assert.Contains(results, r => r.GetProperty("peer").GetBoolean() && r.GetProperty("algorithm").GetString() == "OpenCV filter2D");
        else
            Assert.Contains("libgtk-3-0", stdout, StringComparison.Ordinal);

        Assert.Equal(results.Count + 1, File.ReadAllLines(folder.File("r.csv")).Length);
        Assert.Contains("| Stencil |", File.ReadAllText(folder.File("r.md")), StringComparison.Ordinal);
        Assert.Equal(0x89, File.ReadAllBytes(folder.File("r.png"))[0]);
        Assert.Contains("vs OpenCV", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Kernels_suite_covers_each_size_and_the_separable_gaussian()
    {
        var (exit, stdout, error) = CliRunner.Run("bench", "--suite", "kernels", "--size", "48", "--algorithms", "simd,auto", "--no-peers", "--max-seconds", "0.02");
        Assert.True(exit == 0, error);
        foreach (int k in new[] { 3, 5, 7, 9, 11 }) Assert.Contains($"h48w48_k{k}x{k}_same_constant0_s1_d1", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("OpenCV filter2D", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gemm")]
    [InlineData("binary")]
    [InlineData("layers")]
    [InlineData("gpu")]
    public void Planned_suites_say_so_and_fail(string suite)
    {
        var (exit, _, error) = CliRunner.Run("bench", "--suite", suite);
        Assert.Equal(1, exit);
        Assert.Contains("not available yet", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_suite_and_bad_report_folder_fail_before_running()
    {
        Assert.Contains("--suite 'tiny'", CliRunner.Run("bench", "--suite", "tiny").Error, StringComparison.Ordinal);
        var (exit, _, error) = CliRunner.Run("bench", "--size", "16", "--json", "/nonexistent-folder/r.json");
        Assert.Equal(1, exit);
        Assert.Contains("output folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_reports_stages_and_json()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("profile", "--algorithm", "stencil", "--input-size", "64", "--json", folder.File("p.json"));
        Assert.True(exit == 0, error);
        Assert.Contains("stencil pass", stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("p.json")));
        var stages = json.RootElement.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(2, stages.Count);
        Assert.Equal(1.0, stages.Sum(s => s.GetProperty("share").GetDouble()), 3);
    }

    [Fact]
    public void Info_names_tiers_and_algorithms()
    {
        var (exit, stdout, _) = CliRunner.Run("info");
        Assert.Equal(0, exit);
        Assert.Contains("simd", stdout, StringComparison.Ordinal);
        foreach (var algorithm in Conv2D.Algorithms) Assert.Contains(algorithm.Name.ToLowerInvariant(), stdout, StringComparison.Ordinal);
        Assert.Contains("OpenCV filter2D", stdout, StringComparison.Ordinal);
    }
}
