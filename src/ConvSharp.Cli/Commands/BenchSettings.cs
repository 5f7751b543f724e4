using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary>Options of <c>convsharp bench</c>.</summary>
public sealed class BenchSettings : ProblemSettings
{
    /// <summary>Suite name.</summary>
    [CommandOption("--suite <SUITE>")]
    [Description("seed (default: the notebook's 1024² 3×3 problem), kernels (3..11 and a separable 7×7 Gaussian), separable (2048² Gaussians 7, 15, 31 and a rank-2 DoG 15), large (2048² with 15, 31, 63), gemm (SGEMM 512³ … 4096³ and the notebook's 1×9·9×1048576, beside numpy), layers (the Conv2D layer beside torch), binary (XNOR-Net on the notebook's problem beside its numpy pipeline); gpu arrives later")]
    public string Suite { get; init; } = "seed";

    /// <summary>Built-in image side.</summary>
    [CommandOption("--image-size <N>")]
    [Description("Side of the built-in square image (default 1024; 2048 for large and separable)")]
    public int? ImageSize { get; init; }

    /// <summary>Kernel text (seed suite).</summary>
    [CommandOption("-k|--kernel <K>")]
    [Description("Kernel for the seed suite (default random:3:2026), any form convolve accepts")]
    public string? Kernel { get; init; }

    /// <summary>Image file instead of the built-in image.</summary>
    [CommandOption("--image <FILE>")]
    [Description("Use this image or .npy instead of the built-in one")]
    public string? Image { get; init; }

    /// <summary>Comma-separated subset.</summary>
    [CommandOption("--algorithms <LIST>")]
    [Description("Comma-separated algorithms to run (e.g. stencil,simd,auto); default all")]
    public string? Algorithms { get; init; }

    /// <summary>Skip OpenCV.</summary>
    [CommandOption("--no-peers")]
    [Description("Do not run other libraries (OpenCV)")]
    public bool NoPeers { get; init; }

    /// <summary>The Python that runs the notebook's methods.</summary>
    [CommandOption("--python <PATH>")]
    [Description("Python interpreter for the notebook's methods (default: $CONVSHARP_PYTHON, python3, /usr/bin/python3; the first with numpy)")]
    public string? Python { get; init; }

    /// <summary>Skip the Python methods.</summary>
    [CommandOption("--no-python-peers")]
    [Description("Do not run the notebook's Python methods")]
    public bool NoPythonPeers { get; init; }

    /// <summary>JSON output.</summary>
    [CommandOption("--json <FILE>")]
    [Description("Write results as JSON (schema in docs/cli.md)")]
    public string? Json { get; init; }

    /// <summary>CSV output.</summary>
    [CommandOption("--csv <FILE>")]
    [Description("Write results as CSV")]
    public string? Csv { get; init; }

    /// <summary>Markdown output.</summary>
    [CommandOption("--markdown <FILE>")]
    [Description("Write results as a Markdown table")]
    public string? Markdown { get; init; }

    /// <summary>Chart output.</summary>
    [CommandOption("--chart <FILE>")]
    [Description("Write a log-scale bar chart (PNG)")]
    public string? Chart { get; init; }

    /// <summary>Per-row time budget.</summary>
    [CommandOption("--max-seconds <S>")]
    [Description("Stop timing a row after this long (default 10); a row whose warm-up alone takes longer is reported from that one run")]
    public double MaxSeconds { get; init; } = 10;

    /// <summary>Timing rounds per case.</summary>
    [CommandOption("--rounds <N>")]
    [Description("Time every row of a case N times in turn and merge them (default 1), so a row's ratio to another is not one moment of a noisy machine against another: the image suites' in-process rows merge their runs; gemm, layers and binary alternate ours with the Python peers and take the median of the rounds' medians")]
    public int Rounds { get; init; } = 1;

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (MaxSeconds <= 0) return ValidationResult.Error($"--max-seconds {MaxSeconds} must be positive");
        return Rounds >= 1 ? ValidationResult.Success() : ValidationResult.Error($"--rounds {Rounds} must be at least 1");
    }
}
