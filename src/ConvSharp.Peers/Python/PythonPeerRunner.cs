using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ConvSharp.Peers.Python;

/// <summary>
/// Runs the embedded <c>notebook_peers.py</c> on one case in a Python process: writes the operands and a job file to a
/// temporary folder, sets the thread variables (<c>OMP_NUM_THREADS</c>, <c>OPENBLAS_NUM_THREADS</c>,
/// <c>NUMBA_NUM_THREADS</c>, <c>MKL_NUM_THREADS</c>) to the bench's thread count, and reads back each method's line and output.
/// </summary>
public sealed class PythonPeerRunner(string python)
{
    /// <summary>The interpreter this runner starts.</summary>
    public string Python { get; } = python;

    /// <summary>The script, as shipped inside this assembly.</summary>
    public static string Script
    {
        get
        {
            using var stream = typeof(PythonPeerRunner).Assembly.GetManifestResourceStream("ConvSharp.Peers.Python.notebook_peers.py")
                ?? throw new InvalidOperationException("notebook_peers.py is not embedded in ConvSharp.Peers");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>numpy's matmul on C = A·B (A m × k, B k × n, row-major), with <paramref name="threads"/> threads (−1: all cores).</summary>
    public IReadOnlyList<PythonPeerRow> Gemm(string caseName, int m, int n, int k, float[] a, float[] b, int threads, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var job = new Dictionary<string, object> { ["kind"] = "gemm", ["case"] = caseName, ["m"] = m, ["n"] = n, ["k"] = k };
        return RunJob(job, [("a", a), ("b", b)], threads, maxSeconds, (long)m * n);
    }

    /// <summary>
    /// The notebook's convolution methods (numpy im2col + matmul, numba, scipy, OpenCV, torch) on
    /// <paramref name="problem"/>, with <paramref name="input"/> (H × W) and <paramref name="kernel"/> (kh × kw, row-major,
    /// as the problem's kind reads it). Each method that cannot compute the problem says why in its row.
    /// </summary>
    public IReadOnlyList<PythonPeerRow> Convolve(string caseName, Conv2DProblem problem, float[] input, float[] kernel, int threads, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernel);
        int kh = problem.KernelHeight, kw = problem.KernelWidth;

        // Every Python method correlates; convolution is correlation with the kernel flipped on both axes.
        float[] correlation = (float[])kernel.Clone();
        if (problem.Kind == ConvolutionKind.Convolution) Array.Reverse(correlation);
        var (sy, sx) = problem.Stride;
        var (dy, dx) = problem.Dilation;
        var (ay, ax) = problem.Anchor;
        var job = new Dictionary<string, object>
        {
            ["kind"] = "conv", ["case"] = caseName, ["h"] = problem.InputHeight, ["w"] = problem.InputWidth, ["kh"] = kh, ["kw"] = kw,
            ["out_h"] = problem.OutputHeight, ["out_w"] = problem.OutputWidth,
            ["pads"] = Pads(problem), ["border"] = problem.Border.Mode.ToString().ToLowerInvariant(),
            ["value"] = problem.Border.Value, ["anchor"] = new[] { ay, ax }, ["stride"] = new[] { sy, sx }, ["dilation"] = new[] { dy, dx },
            ["same"] = problem.Size == OutputSize.Same,
        };
        return RunJob(job, [("input", input), ("kernel", correlation)], threads, maxSeconds, (long)problem.OutputHeight * problem.OutputWidth);
    }

    /// <summary>
    /// The notebook's XNOR pipeline in numpy on a binary problem of its kind (minus-one padding, stride and dilation 1):
    /// one row, <c>xnor numpy pipeline (python)</c>, whose output is XNOR-Net's scaled output.
    /// </summary>
    public IReadOnlyList<PythonPeerRow> Xnor(string caseName, Binary.BinaryConv2DProblem problem, float[] input, float[] kernel, int threads, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernel);
        var g = problem.Geometry;
        var job = new Dictionary<string, object>
        {
            ["kind"] = "xnor", ["case"] = caseName, ["h"] = g.InputHeight, ["w"] = g.InputWidth, ["kh"] = g.KernelHeight, ["kw"] = g.KernelWidth,
            ["pads"] = Pads(g), ["out_h"] = g.OutputHeight, ["out_w"] = g.OutputWidth,
        };
        return RunJob(job, [("input", input), ("kernel", kernel)], threads, maxSeconds, (long)g.OutputHeight * g.OutputWidth);
    }

    /// <summary>torch's <c>conv2d</c> on a zero-padded layer problem, NCHW and channels_last (one row each); outputs NCHW.</summary>
    public IReadOnlyList<PythonPeerRow> Layer(string caseName, Layers.Conv2DLayerProblem problem, float[] input, float[] weights, int threads, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weights);
        var (top, bottom, left, right) = problem.Padding;
        var job = new Dictionary<string, object>
        {
            ["kind"] = "layer", ["case"] = caseName, ["n"] = problem.Batch, ["c"] = problem.InputChannels, ["h"] = problem.InputHeight, ["w"] = problem.InputWidth,
            ["o"] = problem.OutputChannels, ["kh"] = problem.KernelHeight, ["kw"] = problem.KernelWidth,
            ["pads"] = new[] { top, bottom, left, right }, ["stride"] = new[] { problem.Stride.Y, problem.Stride.X },
            ["dilation"] = new[] { problem.Dilation.Y, problem.Dilation.X }, ["groups"] = problem.Groups,
        };
        return RunJob(job, [("input", input), ("weights", weights)], threads, maxSeconds, problem.OutputLength);
    }

    /// <summary>
    /// Writes each operand as a raw little-endian float32 file into a fresh temporary folder and adds its path to the job
    /// under its name, with the folder, the thread count and the time budget; runs the script; deletes the folder.
    /// </summary>
    private List<PythonPeerRow> RunJob(Dictionary<string, object> job, (string Name, float[] Data)[] operands, int threads, double maxSeconds, long expectedCount)
    {
        string folder = Directory.CreateTempSubdirectory("convsharp-python-").FullName;
        try
        {
            foreach (var (name, data) in operands)
            {
                string path = Path.Combine(folder, name + ".f32");
                File.WriteAllBytes(path, MemoryMarshal.AsBytes(data.AsSpan()).ToArray());
                job[name] = path;
            }

            job["out_dir"] = folder;
            job["threads"] = ResolveThreads(threads);
            job["max_seconds"] = maxSeconds;
            return Run(folder, job, threads, expectedCount);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>[top, bottom, left, right]: the rows and columns a problem's outputs read outside the image (negative: fewer than it holds).</summary>
    private static long[] Pads(Conv2DProblem problem)
    {
        var (ay, ax) = problem.Anchor;
        long bottom = ((long)(problem.OutputHeight - 1) * problem.Stride.Y) + ((long)(problem.KernelHeight - 1) * problem.Dilation.Y) - ay - (problem.InputHeight - 1);
        long right = ((long)(problem.OutputWidth - 1) * problem.Stride.X) + ((long)(problem.KernelWidth - 1) * problem.Dilation.X) - ax - (problem.InputWidth - 1);
        return [ay, bottom, ax, right];
    }

    private static int ResolveThreads(int threads) => threads < 1 ? Environment.ProcessorCount : threads;

    private List<PythonPeerRow> Run(string folder, Dictionary<string, object> job, int threads, long expectedCount)
    {
        string script = Path.Combine(folder, "notebook_peers.py"), jobPath = Path.Combine(folder, "job.json");
        File.WriteAllText(script, Script);
        File.WriteAllText(jobPath, JsonSerializer.Serialize(job));
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(jobPath);
        string count = ResolveThreads(threads).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string variable in new[] { "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMBA_NUM_THREADS", "MKL_NUM_THREADS" }) start.Environment[variable] = count;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stderr = process.StandardError.ReadToEndAsync();
        var rows = new List<PythonPeerRow>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (line.Length == 0 || line[0] != '{') continue;
            rows.Add(Parse(line, expectedCount));
        }

        process.WaitForExit();
        if (process.ExitCode != 0 && rows.Count == 0)
            rows.Add(new PythonPeerRow("python", false, $"{Python} exited {process.ExitCode}: {FirstLine(stderr.Result)}", 0, 0, 0, 0, null));
        return rows;
    }

    private static PythonPeerRow Parse(string line, long expectedCount)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        string method = root.GetProperty("method").GetString() ?? "python";
        if (root.GetProperty("status").GetString() != "ok") return new PythonPeerRow(method, false, root.GetProperty("why").GetString() ?? "", 0, 0, 0, 0, null);
        float[] output;
        try
        {
            output = NpyFloat32File.Read(root.GetProperty("output").GetString()!, expectedCount);
        }
        catch (InvalidDataException error)
        {
            return new PythonPeerRow(method, false, $"wrote an output the bench cannot read: {error.Message}", 0, 0, 0, 0, null);
        }

        return new PythonPeerRow(
            method, true, "", root.GetProperty("median_ms").GetDouble(), root.GetProperty("min_ms").GetDouble(),
            root.GetProperty("max_ms").GetDouble(), root.GetProperty("runs").GetInt32(), output,
            root.TryGetProperty("accuracy", out var accuracy) && accuracy.GetString() == "fft");
    }

    private static string FirstLine(string text)
    {
        string trimmed = text.Trim();
        int newline = trimmed.LastIndexOf('\n');
        return newline < 0 ? trimmed : trimmed[(newline + 1)..];
    }
}
