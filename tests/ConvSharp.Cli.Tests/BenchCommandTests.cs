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
        var (exit, stdout, error) = CliRunner.Run("bench", "--image-size", "64", "--max-seconds", "0.05", "--no-python-peers",
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
        // Every algorithm that takes the seed problem and its random kernel: all but Separable (a random 3×3 is rank 3,
        // which Separable takes when asked, so it runs too).
        foreach (var algorithm in Conv2D.Algorithms) Assert.Contains(algorithm.Name, names);
        Assert.Contains(names, n => n.StartsWith("Auto (", StringComparison.Ordinal));
        foreach (var result in results)
        {
            Assert.Equal("seed", result.GetProperty("case").GetString());
            Assert.Equal("h64w64_k3x3_same_constant0_s1_d1", result.GetProperty("problem").GetString());
            Assert.Equal("cpu", result.GetProperty("device").GetString());
            Assert.True(result.GetProperty("verified").GetBoolean());
            Assert.True(result.GetProperty("median_ms").GetDouble() > 0);
            double min = result.GetProperty("min_ms").GetDouble(), max = result.GetProperty("max_ms").GetDouble();
            Assert.InRange(result.GetProperty("median_ms").GetDouble(), min, max);
            Assert.True(result.GetProperty("gflops").GetDouble() > 0);
            Assert.True(result.TryGetProperty("max_abs_error", out _));
            bool peer = result.GetProperty("peer").GetBoolean();
            Assert.Equal(result.GetProperty("algorithm").GetString()!.StartsWith("OpenCV", StringComparison.Ordinal), peer);
            Assert.Equal("dotnet", result.GetProperty("runtime").GetString());
        }

        if (PeerCatalog.All[0].IsAvailable(out _))
            Assert.Contains(results, r => r.GetProperty("peer").GetBoolean() && r.GetProperty("algorithm").GetString() == "OpenCV filter2D");
        else
            Assert.Contains("libgtk-3-0", stdout, StringComparison.Ordinal);

        var csv = File.ReadAllLines(folder.File("r.csv"));
        Assert.Equal(results.Count + 1, csv.Length);
        Assert.StartsWith("case,problem,algorithm,", csv[0], StringComparison.Ordinal);
        Assert.All(csv.Skip(1), line => Assert.StartsWith("seed,", line, StringComparison.Ordinal));
        Assert.Contains("| seed | `h64w64_k3x3_same_constant0_s1_d1` | Stencil |", File.ReadAllText(folder.File("r.md")), StringComparison.Ordinal);
        Assert.Equal(0x89, File.ReadAllBytes(folder.File("r.png"))[0]);
        Assert.Contains("vs OpenCV", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Rounds_time_every_row_in_turn_and_merge_their_runs()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("bench", "--image-size", "64", "--algorithms", "stencil,auto", "--no-peers", "--no-python-peers",
            "--rounds", "3", "--json", folder.File("r.json"));
        Assert.True(exit == 0, error + stdout);
        Assert.Contains("in each of 3 rounds", stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("r.json")));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        foreach (var result in results)
        {
            // Each round times at least 5 runs (the interleaving itself is TimingTests' subject).
            Assert.True(result.GetProperty("runs").GetInt32() >= 15, result.ToString());
            Assert.True(result.GetProperty("verified").GetBoolean());
        }

        var (zeroExit, _, zeroError) = CliRunner.Run("bench", "--image-size", "16", "--rounds", "0");
        Assert.Equal(2, zeroExit);   // a usage error, as for every option the parser rejects
        Assert.Contains("--rounds 0 must be at least 1", zeroError, StringComparison.Ordinal);
        // A fixed suite alternates ours with the peers; without Python only our rows, each from two rounds.
        var (layersExit, layersOut, layersError) = CliRunner.Run("bench", "--suite", "layers", "--no-python-peers", "--max-seconds", "0.01", "--rounds", "2", "--json", folder.File("l.json"));
        Assert.True(layersExit == 0, layersError + layersOut);
        using var layers = JsonDocument.Parse(File.ReadAllText(folder.File("l.json")));
        var layerRows = layers.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(12, layerRows.Count);   // six cases, each NCHW and channels-last
        Assert.All(layerRows, r => Assert.True(r.GetProperty("runs").GetInt32() >= 2 && r.GetProperty("verified").GetBoolean(), r.ToString()));
    }

    [Fact]
    public void Kernels_suite_covers_each_size_and_the_separable_gaussian()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("bench", "--suite", "kernels", "--image-size", "48", "--algorithms", "simd,auto", "--no-peers", "--max-seconds", "0.02", "--json", folder.File("k.json"));
        Assert.True(exit == 0, error);
        foreach (int k in new[] { 3, 5, 7, 9, 11 }) Assert.Contains($"random{k}: h48w48_k{k}x{k}_same_constant0_s1_d1", stdout, StringComparison.Ordinal);
        Assert.Contains("gauss7: h48w48_k7x7_same_constant0_s1_d1", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("OpenCV filter2D", stdout, StringComparison.Ordinal);

        // random7 and gauss7 share a problem string; the case field keeps them apart.
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("k.json")));
        var cases = json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("case").GetString()).Distinct().ToList();
        Assert.Equal(["random3", "random5", "random7", "random9", "random11", "gauss7"], cases);
    }

    [Fact]
    public void Separable_suite_runs_gaussians_and_the_rank_two_dog_with_problem_options()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("bench", "--suite", "separable", "--image-size", "40", "--border", "reflect101", "--algorithms", "separable,auto", "--no-python-peers",
            "--max-seconds", "0.02", "--json", folder.File("s.json"));
        Assert.True(exit == 0, error + stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("s.json")));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["gauss7", "gauss15", "gauss31", "dog15"], results.Select(r => r.GetProperty("case").GetString()).Distinct());
        Assert.All(results, r => Assert.Contains("_same_reflect101_", r.GetProperty("problem").GetString(), StringComparison.Ordinal));
        Assert.Contains(results, r => r.GetProperty("case").GetString() == "dog15" && r.GetProperty("algorithm").GetString() == "Separable");
        Assert.Contains(results, r => r.GetProperty("algorithm").GetString() == "Auto (Separable)");
        if (PeerCatalog.All[0].IsAvailable(out _))
        {
            // sepFilter2D takes the rank-1 Gaussians and declines the rank-2 DoG; filter2D takes all four.
            Assert.Contains(results, r => r.GetProperty("case").GetString() == "gauss15" && r.GetProperty("algorithm").GetString() == "OpenCV sepFilter2D");
            Assert.DoesNotContain(results, r => r.GetProperty("case").GetString() == "dog15" && r.GetProperty("algorithm").GetString() == "OpenCV sepFilter2D");
        }
    }

    [Fact]
    public void The_notebooks_python_methods_run_beside_ours_or_say_how_to_get_them()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("bench", "--image-size", "24", "--algorithms", "im2colgemm", "--max-seconds", "0.02", "--json", folder.File("p.json"));
        Assert.True(exit == 0, error + stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("p.json")));
        var python = json.RootElement.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("runtime").GetString() == "python").ToList();
        if (ConvSharp.Peers.Python.PythonLocator.Find(null, out _) is null)
        {
            Assert.Empty(python);
            Assert.Contains("apt-get install python3-numpy", stdout, StringComparison.Ordinal);
            return;
        }

        // numpy is there (the locator demands it): the notebook's own im2col row runs, as a verified peer.
        Assert.Contains(python, r => r.GetProperty("algorithm").GetString() == "numpy im2col+matmul");
        Assert.All(python, r => Assert.True(r.GetProperty("peer").GetBoolean() && r.GetProperty("verified").GetBoolean()));

        // Every other method has a row or a one-line reason: none is dropped silently (a random 3×3 is not rank 1).
        Assert.Contains("cv2.sepFilter2D (python): not run:", stdout.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (string method in new[] { "numba @njit", "numba @stencil", "scipy.signal.convolve2d", "scipy.ndimage.correlate", "scipy.signal.fftconvolve", "torch conv2d (CPU)" })
            Assert.True(python.Any(r => r.GetProperty("algorithm").GetString() == method) || stdout.Contains($"{method}: not run:", StringComparison.Ordinal), method);
    }

    [Fact]
    public void Gemm_suite_times_and_verifies_every_product()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("bench", "--suite", "gemm", "--no-python-peers", "--max-seconds", "0.01", "--json", folder.File("g.json"));
        Assert.True(exit == 0, error + stdout);
        using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(folder.File("g.json")));
        var rows = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["sgemm512", "sgemm1024", "sgemm2048", "sgemm4096", "notebook1x9"], rows.Select(r => r.GetProperty("case").GetString()));
        Assert.All(rows, r => Assert.True(r.GetProperty("verified").GetBoolean()));
        Assert.All(rows, r => Assert.True(r.GetProperty("gflops").GetDouble() > 0));
        Assert.Equal("m1n1048576k9", rows[^1].GetProperty("problem").GetString());
    }

    [Fact]
    public void Layers_suite_runs_every_case_and_verifies_it()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("bench", "--suite", "layers", "--no-python-peers", "--max-seconds", "0.01", "--json", folder.File("l.json"));
        Assert.True(exit == 0, error + stdout);
        using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(folder.File("l.json")));
        var rows = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        // Channels-last where Auto's algorithm runs it natively: Planes, Winograd and Pointwise all do.
        Assert.Equal(["seed1ch", "seed1ch", "vgg64", "vgg64", "resnet256", "resnet256", "pw512", "pw512", "dw32", "dw32", "batch8", "batch8"], rows.Select(r => r.GetProperty("case").GetString()));
        Assert.All(rows, r => Assert.True(r.GetProperty("verified").GetBoolean()));
        Assert.All(rows, r => Assert.Contains(r.GetProperty("case").GetString()!, r.GetProperty("problem").GetString()!, StringComparison.Ordinal));
        Assert.Equal("Conv2DLayer NHWC (Auto: Planes)", rows[1].GetProperty("algorithm").GetString());
        Assert.Equal("Conv2DLayer NHWC (Auto: Winograd)", rows[3].GetProperty("algorithm").GetString());
        Assert.Equal("Conv2DLayer NHWC (Auto: Pointwise)", rows[7].GetProperty("algorithm").GetString());
        Assert.Equal("Conv2DLayer NHWC (Auto: Planes)", rows[9].GetProperty("algorithm").GetString());
        rows = rows.Where(r => !r.GetProperty("algorithm").GetString()!.Contains("NHWC", StringComparison.Ordinal)).ToList();
        Assert.Equal("Conv2DLayer (Auto: Pointwise)", rows[3].GetProperty("algorithm").GetString());
        Assert.Equal("Conv2DLayer (Auto: Planes)", rows[4].GetProperty("algorithm").GetString());
        Assert.Equal("Conv2DLayer (Auto: Winograd)", rows[1].GetProperty("algorithm").GetString());

        // Depthwise reports GB/s too: (input + output + weights) bytes over the median.
        double bytes = 4.0 * ((32 * 112 * 112 * 2) + (32 * 9));
        // The JSON rounds the median to 4 decimals of a millisecond (±0.00005 ms) and GB/s to 3, so the two agree to that
        // precision: a depthwise layer of a few hundredths of a millisecond leaves a few parts per thousand.
        double median = rows[4].GetProperty("median_ms").GetDouble(), reported = rows[4].GetProperty("gb_per_s").GetDouble();
        double expected = bytes / (median * 1e-3) / 1e9, tolerance = (0.00005 / median) + (0.0005 / reported) + 1e-6;
        Assert.InRange(reported / expected, 1 - tolerance, 1 + tolerance);
        Assert.False(rows[1].TryGetProperty("gb_per_s", out _));
    }

    [Fact]
    public void Binary_suite_times_every_xnor_path_and_the_float_convolution()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("bench", "--suite", "binary", "--no-python-peers", "--max-seconds", "0.01", "--json", folder.File("b.json"));
        Assert.True(exit == 0, error + stdout);
        using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(folder.File("b.json")));
        var rows = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["xnor-bitsliced", "xnor-seed"], rows.Take(2).Select(r => r.GetProperty("algorithm").GetString()));
        Assert.StartsWith("float Conv2D", rows[2].GetProperty("algorithm").GetString(), StringComparison.Ordinal);
        Assert.All(rows, r => Assert.True(r.GetProperty("verified").GetBoolean()));
        Assert.All(rows.Take(3), r => Assert.Contains("_xnor_minus-one", r.GetProperty("problem").GetString()!, StringComparison.Ordinal));

        // The layer cases: the binary layer and our float layer at 28² and 14², problem strings starting with "layer".
        var layers = rows.Skip(3).ToList();
        string binary = System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "xnor layer (xnor-csa)" : "xnor layer (xnor-bgemm)";
        Assert.Equal([binary, "float Conv2DLayer (Auto: Winograd)", binary, "float Conv2DLayer (Auto: Winograd)"], layers.Select(r => r.GetProperty("algorithm").GetString()));
        Assert.All(layers, r => Assert.StartsWith("layer", r.GetProperty("problem").GetString()!, StringComparison.Ordinal));
        Assert.Contains("GOP/s", stdout, StringComparison.Ordinal);
    }

    [Theory]
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
        var (exit, _, error) = CliRunner.Run("bench", "--image-size", "16", "--json", "/nonexistent-folder/r.json");
        Assert.Equal(1, exit);
        Assert.Contains("output folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_reports_stages_and_json()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("profile", "--algorithm", "stencil", "--image-size", "64", "--json", folder.File("p.json"));
        Assert.True(exit == 0, error);
        Assert.Contains("stencil", stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("p.json")));
        var stages = json.RootElement.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["stencil"], stages.Select(s => s.GetProperty("name").GetString()));
        double total = json.RootElement.GetProperty("total_ms").GetDouble();
        Assert.InRange(stages.Sum(s => s.GetProperty("median_ms").GetDouble()), 0, total);
        Assert.InRange(stages.Sum(s => s.GetProperty("share").GetDouble()), 0.01, 1.0);
    }

    [Fact]
    public void Profile_shows_separable_stages_which_account_for_the_call()
    {
        using var folder = new TempFolder();
        var (exit, stdout, error) = CliRunner.Run("profile", "--algorithm", "separable", "--kernel", "gaussian:9:2", "--image-size", "256", "--json", folder.File("p.json"));
        Assert.True(exit == 0, error + stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("p.json")));
        var stages = json.RootElement.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["factor", "row-pass", "column-pass"], stages.Select(s => s.GetProperty("name").GetString()));
        double total = json.RootElement.GetProperty("total_ms").GetDouble(), staged = stages.Sum(s => s.GetProperty("median_ms").GetDouble());
        Assert.InRange(staged, 0.5 * total, total);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public void Info_names_tiers_and_algorithms()
    {
        var (exit, stdout, _) = CliRunner.Run("info");
        Assert.Equal(0, exit);
        Assert.Contains("simd", stdout, StringComparison.Ordinal);
        foreach (var algorithm in Conv2D.Algorithms) Assert.Contains(algorithm.Name.ToLowerInvariant(), stdout, StringComparison.Ordinal);
        foreach (string other in new[] { "winograd", "pointwise", "xnor-bitsliced", "xnor-seed", "xnor-bgemm", "xnor-csa" }) Assert.Contains(other, stdout, StringComparison.Ordinal);
        Assert.Contains("OpenCV filter2D", stdout, StringComparison.Ordinal);
    }
}
