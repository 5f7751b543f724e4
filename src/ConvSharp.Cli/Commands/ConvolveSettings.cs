using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary>Options of <c>convsharp convolve</c>.</summary>
public sealed class ConvolveSettings : AlgorithmSettings
{
    /// <summary>.npy or image file.</summary>
    [CommandArgument(0, "<INPUT>")]
    [Description(".npy (2-D; float32/64, uint8/16, int16/32; any byte order; C or Fortran order) or image (PNG, JPEG, BMP, TIFF, WebP → grayscale 0..255)")]
    public string Input { get; init; } = "";

    /// <summary>Kernel text.</summary>
    [CommandOption("-k|--kernel <K>")]
    [Description("Preset (identity, box:N, gaussian:N:sigma, sobel-x, sobel-y, scharr-x, scharr-y, laplacian, sharpen, emboss, random:N:seed), inline \"1,2,1;0,0,0;-1,-2,-1\", or a .npy/.csv file")]
    public string? Kernel { get; init; }

    /// <summary>Output path.</summary>
    [CommandOption("-o|--output <OUT>")]
    [Description("Output: .npy (float32) or .png (8-bit, 16-bit with --depth 16, or a heatmap with --colormap)")]
    public string? Output { get; init; }

    /// <summary>PNG mapping.</summary>
    [CommandOption("--normalize <MODE>")]
    [Description("PNG sample mapping: minmax (default), clip or abs")]
    public string Normalize { get; init; } = "minmax";

    /// <summary>PNG bits per sample.</summary>
    [CommandOption("--depth <BITS>")]
    [Description("PNG bits per sample: 8 (default) or 16")]
    public int Depth { get; init; } = 8;

    /// <summary>Heatmap colormap.</summary>
    [CommandOption("--colormap <NAME>")]
    [Description("Write a colour heatmap PNG: viridis, magma or gray")]
    public string? Colormap { get; init; }

    /// <summary>Print statistics.</summary>
    [CommandOption("--stats")]
    [Description("Print shape, min, max, mean and the algorithm used (with --binary also the relative error against the float correlation)")]
    public bool Stats { get; init; }

    /// <summary>XNOR-Net's binary convolution instead of the float one.</summary>
    [CommandOption("--binary")]
    [Description("XNOR-Net binary convolution: sign(I) ⊛ sign(W)·K·α (an approximation; algorithms xnor-bitsliced, xnor-seed)")]
    public bool Binary { get; init; }

    /// <summary>What taps outside the image contribute under --binary.</summary>
    [CommandOption("--binary-padding <P>")]
    [Description("With --binary: zero (default: outside taps do not count), minus-one (the notebook's) or plus-one")]
    public string BinaryPadding { get; init; } = "zero";

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Kernel)) return ValidationResult.Error("--kernel is required");
        if (string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("--output is required");
        if (Depth is not (8 or 16)) return ValidationResult.Error($"--depth {Depth} must be 8 or 16");
        if (Colormap is not null && Colormap is not ("viridis" or "magma" or "gray")) return ValidationResult.Error($"--colormap '{Colormap}' is not viridis, magma or gray");
        return ValidationResult.Success();
    }
}
