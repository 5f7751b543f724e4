using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using ConvSharp.Cli.IO;
using ConvSharp.Layers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary><c>convsharp layer INPUT.npy --weights W.npy --output OUT.npy</c>: the Conv2D layer on .npy tensors.</summary>
public sealed class LayerCommand(CliEnvironment environment) : Command<LayerSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, LayerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string output = settings.Output!;
        if (!string.Equals(Path.GetExtension(output), ".npy", StringComparison.OrdinalIgnoreCase)) throw new CliException($"--output {output}: the extension must be .npy");
        AtomicFile.RequireFolder(output);
        var layout = settings.Layout.ToLowerInvariant() switch
        {
            "nchw" => TensorLayout.Nchw,
            "nhwc" => TensorLayout.Nhwc,
            _ => throw new CliException($"--layout '{settings.Layout}' is not nchw or nhwc"),
        };
        var options = new Conv2DLayerOptions
        {
            Stride = ProblemSettings.Pair(settings.Stride, "--stride", allowZero: false),
            Dilation = ProblemSettings.Pair(settings.Dilation, "--dilation", allowZero: false),
            Padding = ParsePadding(settings.Padding),
            PaddingMode = settings.PaddingMode.ToLowerInvariant() switch
            {
                "zeros" => LayerPaddingMode.Zeros,
                "reflect" => LayerPaddingMode.Reflect,
                "replicate" => LayerPaddingMode.Replicate,
                "circular" => LayerPaddingMode.Circular,
                _ => throw new CliException($"--padding-mode '{settings.PaddingMode}' is not zeros, reflect, replicate or circular"),
            },
            Groups = settings.Groups >= 1 ? settings.Groups : throw new CliException($"--groups {settings.Groups} must be at least 1"),
            Layout = layout,
            Algorithm = settings.Binary ? "Auto" : ParseAlgorithm(settings.Algorithm),
            Tolerance = settings.Tolerance >= 0 ? settings.Tolerance : throw new CliException($"--tolerance {settings.Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be 0 or more"),
        };

        var (inputShape, input) = NpyReader.ReadArray(settings.Input, [3, 4]);
        var (weightShape, weights) = NpyReader.ReadArray(settings.Weights!, [4]);
        float[] bias = settings.Bias is null ? [] : NpyReader.ReadArray(settings.Bias, [1]).Data;
        long[] shape = inputShape.Length == 3 ? [1, .. inputShape] : inputShape;
        int batch = (int)shape[0];
        var (channels, height, width) = layout == TensorLayout.Nchw ? ((int)shape[1], (int)shape[2], (int)shape[3]) : ((int)shape[3], (int)shape[1], (int)shape[2]);
        int outputs = (int)weightShape[0];
        if (weightShape[1] * options.Groups != channels)
            throw new CliException($"{settings.Weights}: weights of shape ({string.Join(", ", weightShape)}) take {weightShape[1]}·{options.Groups} = {weightShape[1] * options.Groups} input channels (C/groups × --groups), the input has {channels}");
        if (outputs % options.Groups != 0) throw new CliException($"--groups {options.Groups} does not divide the {outputs} output channels of {settings.Weights}");
        if (bias.Length > 0 && bias.Length != outputs) throw new CliException($"{settings.Bias}: {bias.Length} values; the bias needs one per output channel ({outputs})");

        if (settings.Binary) return Binary(settings, output, options, input, weights, weightShape, bias, batch, height, width);
        BinaryOptions.RequireDefaultPadding(settings.BinaryPadding, "with --binary");
        Conv2DLayer layer;
        Conv2DLayerProblem problem;
        try
        {
            layer = new Conv2DLayer(weights, outputs, (int)weightShape[2], (int)weightShape[3], bias, options);
            problem = layer.Plan(batch, height, width);
        }
        catch (ArgumentException error)
        {
            throw new CliException(error.Message.Split(" (Parameter")[0]);
        }

        var result = layer.Forward(input, batch, height, width, new ExecutionContext { MaxDegreeOfParallelism = ProblemSettings.ParseThreads(settings.Threads) });
        long[] outputShape = layout == TensorLayout.Nchw
            ? [problem.Batch, problem.OutputChannels, problem.OutputHeight, problem.OutputWidth]
            : [problem.Batch, problem.OutputHeight, problem.OutputWidth, problem.OutputChannels];
        AtomicFile.Write(output, stream => NpyWriter.WriteArray(stream, outputShape, result));
        environment.Console.WriteLine($"{problem} → ({string.Join(", ", outputShape)})");
        return 0;
    }

    /// <summary><c>--binary</c>: XNOR-Net's layer; the float options it has no use for are refused in one line.</summary>
    private int Binary(LayerSettings settings, string output, Conv2DLayerOptions options, float[] input, float[] weights, long[] weightShape, float[] bias, int batch, int height, int width)
    {
        if (options.Groups != 1) throw new CliException("--binary runs one group; --groups does not apply");
        if (options.PaddingMode != LayerPaddingMode.Zeros) throw new CliException("--binary pads by --binary-padding; --padding-mode does not apply");
        if (options.Layout != TensorLayout.Nchw) throw new CliException("--binary reads and writes NCHW; --layout nhwc does not apply");
        if (bias.Length > 0) throw new CliException("--binary has no bias; --bias does not apply");
        var binaryOptions = new ConvSharp.Binary.BinaryLayerOptions
        {
            Stride = options.Stride,
            Dilation = options.Dilation,
            Padding = options.Padding,
            BinaryPadding = BinaryOptions.ParsePadding(settings.BinaryPadding),
            Algorithm = string.Equals(settings.Algorithm, "auto", StringComparison.OrdinalIgnoreCase) ? "Auto"
                : settings.Algorithm.ToLowerInvariant() is "xnor-bgemm" or "xnor-csa" ? settings.Algorithm.ToLowerInvariant() : settings.Algorithm.ToLowerInvariant() is "reference" ? "Reference"
                : throw new CliException($"--algorithm '{settings.Algorithm}' is not auto, xnor-bgemm, xnor-csa or reference with --binary"),
        };
        ConvSharp.Binary.BinaryConv2DLayer layer;
        Conv2DLayerProblem problem;
        try
        {
            layer = new ConvSharp.Binary.BinaryConv2DLayer(weights, (int)weightShape[0], (int)weightShape[2], (int)weightShape[3], binaryOptions);
            problem = layer.Plan(batch, height, width);
        }
        catch (ArgumentException error)
        {
            throw new CliException(error.Message.Split(" (Parameter")[0]);
        }

        var result = layer.Forward(input, batch, height, width, new ExecutionContext { MaxDegreeOfParallelism = ProblemSettings.ParseThreads(settings.Threads) });
        long[] outputShape = [problem.Batch, problem.OutputChannels, problem.OutputHeight, problem.OutputWidth];
        AtomicFile.Write(output, stream => NpyWriter.WriteArray(stream, outputShape, result));
        environment.Console.WriteLine($"{problem}_xnor_{ConvSharp.Binary.BinaryConv2DProblem.PaddingName(binaryOptions.BinaryPadding)} → ({string.Join(", ", outputShape)})");
        return 0;
    }

    private static LayerPadding ParsePadding(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "same") return LayerPadding.Same;
        if (t == "valid") return LayerPadding.Valid;
        var parts = t.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
                throw new CliException($"--padding '{text}' is not same, valid, P or T,B,L,R with non-negative integers");
        }

        return values.Length switch
        {
            1 => LayerPadding.Symmetric(values[0]),
            4 => LayerPadding.Explicit(values[0], values[1], values[2], values[3]),
            _ => throw new CliException($"--padding '{text}' is not same, valid, P or T,B,L,R"),
        };
    }

    private static string ParseAlgorithm(string text) =>
        string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase) ? "Auto"
        : Conv2DLayer.Algorithms.FirstOrDefault(a => string.Equals(a.Name, text, StringComparison.OrdinalIgnoreCase))?.Name
          ?? throw new CliException($"--algorithm '{text}' is not auto or one of: {string.Join(", ", Conv2DLayer.Algorithms.Select(a => a.Name.ToLowerInvariant()))}");
}
