using System.ComponentModel;
using ConvSharp.Layers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary>Options of <c>convsharp layer</c>: PyTorch's <c>conv2d</c> arguments.</summary>
public sealed class LayerSettings : CommandSettings
{
    /// <summary>The input tensor.</summary>
    [CommandArgument(0, "<INPUT>")]
    [Description("4-D .npy (N, C, H, W), or (N, H, W, C) with --layout nhwc; a 3-D array is one image (C, H, W) or (H, W, C)")]
    public string Input { get; init; } = "";

    /// <summary>The weights.</summary>
    [CommandOption("--weights <W>")]
    [Description("4-D .npy (O, C/groups, kh, kw), PyTorch's weight layout")]
    public string? Weights { get; init; }

    /// <summary>The bias.</summary>
    [CommandOption("--bias <B>")]
    [Description("1-D .npy of O values")]
    public string? Bias { get; init; }

    /// <summary>Stride.</summary>
    [CommandOption("--stride <SY,SX>")]
    [Description("Output step in input pixels (default 1,1)")]
    public string Stride { get; init; } = "1,1";

    /// <summary>Padding.</summary>
    [CommandOption("--padding <P>")]
    [Description("same (TensorFlow's, asymmetric when strided), valid (default), P (every side) or T,B,L,R")]
    public string Padding { get; init; } = "valid";

    /// <summary>Padding mode.</summary>
    [CommandOption("--padding-mode <MODE>")]
    [Description("zeros (default), reflect, replicate or circular (PyTorch's padding_mode)")]
    public string PaddingMode { get; init; } = "zeros";

    /// <summary>Dilation.</summary>
    [CommandOption("--dilation <DY,DX>")]
    [Description("Spacing between kernel taps (default 1,1)")]
    public string Dilation { get; init; } = "1,1";

    /// <summary>Groups.</summary>
    [CommandOption("--groups <G>")]
    [Description("Input-channel groups (default 1; C for depthwise)")]
    public int Groups { get; init; } = 1;

    /// <summary>Layout.</summary>
    [CommandOption("--layout <LAYOUT>")]
    [Description("nchw (default) or nhwc, for the input and the output")]
    public string Layout { get; init; } = "nchw";

    /// <summary>Algorithm.</summary>
    [CommandOption("--algorithm <NAME>")]
    [Description("auto (default) or a layer algorithm: planes, pointwise, winograd, im2colgemm, reference")]
    public string Algorithm { get; init; } = "auto";

    /// <summary>Tolerance for Bounded algorithms under Auto.</summary>
    [CommandOption("--tolerance <T>")]
    [Description("Error Auto accepts from a Bounded algorithm (Winograd), per unit of Σ|w|·max|x|; default 2⁻⁸, 0 for exact algorithms only")]
    public double Tolerance { get; init; } = Conv2DLayerOptions.DefaultTolerance;

    /// <summary>XNOR-Net's binary layer instead of the float one.</summary>
    [CommandOption("--binary")]
    [Description("XNOR-Net's binary layer (sign(I) ⊛ sign(W)·K·α, an approximation): one group, NCHW, no bias")]
    public bool Binary { get; init; }

    /// <summary>What padded taps contribute under --binary.</summary>
    [CommandOption("--binary-padding <P>")]
    [Description("With --binary: zero (default), minus-one or plus-one")]
    public string BinaryPadding { get; init; } = "zero";

    /// <summary>Threads.</summary>
    [CommandOption("--threads <N>")]
    [Description("Most threads to use (default: all cores)")]
    public int? Threads { get; init; }

    /// <summary>Output path.</summary>
    [CommandOption("-o|--output <OUT>")]
    [Description("Output .npy: float32, 4-D, in the input's layout; written atomically")]
    public string? Output { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Weights)) return ValidationResult.Error("--weights is required");
        if (string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("--output is required");
        return ValidationResult.Success();
    }
}
