using System;

namespace ConvSharp.Layers;

/// <summary>
/// One layer computation's shapes, resolved and validated: N × C × H × W in, O × C/groups × kh × kw weights, explicit
/// padding, stride, dilation, groups, padding mode. Value equality on the fields. The output is N × O × H' × W' with
/// H' = ⌊(H + top + bottom − ((kh − 1)·dy + 1)) / sy⌋ + 1.
/// </summary>
public sealed record Conv2DLayerProblem
{
    private Conv2DLayerProblem()
    {
    }

    /// <summary>Images in the batch, N.</summary>
    public int Batch { get; private init; }

    /// <summary>Input channels, C.</summary>
    public int InputChannels { get; private init; }

    /// <summary>Input rows, H.</summary>
    public int InputHeight { get; private init; }

    /// <summary>Input columns, W.</summary>
    public int InputWidth { get; private init; }

    /// <summary>Output channels (filters), O.</summary>
    public int OutputChannels { get; private init; }

    /// <summary>Kernel rows, kh.</summary>
    public int KernelHeight { get; private init; }

    /// <summary>Kernel columns, kw.</summary>
    public int KernelWidth { get; private init; }

    /// <summary>Input-channel groups; C and O both divide by it.</summary>
    public int Groups { get; private init; }

    /// <summary>Output step in input pixels (rows, columns).</summary>
    public (int Y, int X) Stride { get; private init; }

    /// <summary>Spacing between taps (rows, columns).</summary>
    public (int Y, int X) Dilation { get; private init; }

    /// <summary>Explicit padding: rows above, rows below, columns left, columns right.</summary>
    public (int Top, int Bottom, int Left, int Right) Padding { get; private init; }

    /// <summary>What the padding reads.</summary>
    public LayerPaddingMode PaddingMode { get; private init; }

    /// <summary>Whether a bias of O values is added.</summary>
    public bool HasBias { get; private init; }

    /// <summary>Output rows, H'.</summary>
    public int OutputHeight { get; private init; }

    /// <summary>Output columns, W'.</summary>
    public int OutputWidth { get; private init; }

    /// <summary>Input channels per group, C / groups.</summary>
    public int GroupInputChannels => InputChannels / Groups;

    /// <summary>Output channels per group, O / groups.</summary>
    public int GroupOutputChannels => OutputChannels / Groups;

    /// <summary>N·O·(C/g)·kh·kw·H'·W': what GFLOP/s is counted from (× 2), whatever an algorithm does.</summary>
    public long MultiplyAdds => (long)Batch * OutputChannels * GroupInputChannels * KernelHeight * KernelWidth * OutputHeight * OutputWidth;

    /// <summary>Floats of the input, N·C·H·W.</summary>
    public long InputLength => (long)Batch * InputChannels * InputHeight * InputWidth;

    /// <summary>Floats of the output, N·O·H'·W'.</summary>
    public long OutputLength => (long)Batch * OutputChannels * OutputHeight * OutputWidth;

    /// <summary>Floats of the weights, O·(C/groups)·kh·kw.</summary>
    public long WeightLength => (long)OutputChannels * GroupInputChannels * KernelHeight * KernelWidth;

    /// <summary>Validates and resolves a problem.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, stride, dilation or group count is out of range.</exception>
    /// <exception cref="ArgumentException">Groups do not divide the channels, or the kernel is larger than the padded input.</exception>
    /// <param name="batch">N.</param>
    /// <param name="inputChannels">C.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    /// <param name="outputChannels">O.</param>
    /// <param name="kernelHeight">kh.</param>
    /// <param name="kernelWidth">kw.</param>
    /// <param name="options">Stride, dilation, padding, padding mode, groups.</param>
    /// <param name="hasBias">Whether a bias is added.</param>
    public static Conv2DLayerProblem Create(int batch, int inputChannels, int height, int width, int outputChannels, int kernelHeight, int kernelWidth, Conv2DLayerOptions? options = null, bool hasBias = false)
    {
        options ??= Conv2DLayerOptions.Default;
        Positive("batch", batch);
        Positive("inputChannels", inputChannels);
        Positive("height", height);
        Positive("width", width);
        Positive("outputChannels", outputChannels);
        Positive("kernelHeight", kernelHeight);
        Positive("kernelWidth", kernelWidth);
        Positive("options.Stride.Y", options.Stride.Y);
        Positive("options.Stride.X", options.Stride.X);
        Positive("options.Dilation.Y", options.Dilation.Y);
        Positive("options.Dilation.X", options.Dilation.X);
        Positive("options.Groups", options.Groups);
        if (inputChannels % options.Groups != 0)
            ThrowHelper.Argument("options.Groups", $"options.Groups = {options.Groups} does not divide the input channels ({inputChannels}).");
        if (outputChannels % options.Groups != 0)
            ThrowHelper.Argument("options.Groups", $"options.Groups = {options.Groups} does not divide the output channels ({outputChannels}).");
        if (!Enum.IsDefined(options.PaddingMode)) ThrowHelper.OutOfRange("options.PaddingMode", options.PaddingMode, "Zeros, Reflect, Replicate or Circular.");

        var pad = options.Padding.Resolve(height, width, kernelHeight, kernelWidth, options.Stride, options.Dilation);
        long outputHeight = OutputSize(height, pad.Top + (long)pad.Bottom, kernelHeight, options.Dilation.Y, options.Stride.Y);
        long outputWidth = OutputSize(width, pad.Left + (long)pad.Right, kernelWidth, options.Dilation.X, options.Stride.X);
        if (outputHeight < 1 || outputWidth < 1)
        {
            ThrowHelper.Argument(nameof(kernelHeight), $"the dilated kernel ({((long)(kernelHeight - 1) * options.Dilation.Y) + 1}×{((long)(kernelWidth - 1) * options.Dilation.X) + 1}) is larger than the padded input ({height + (long)pad.Top + pad.Bottom}×{width + (long)pad.Left + pad.Right}).");
        }

        var problem = new Conv2DLayerProblem
        {
            Batch = batch,
            InputChannels = inputChannels,
            InputHeight = height,
            InputWidth = width,
            OutputChannels = outputChannels,
            KernelHeight = kernelHeight,
            KernelWidth = kernelWidth,
            Groups = options.Groups,
            Stride = options.Stride,
            Dilation = options.Dilation,
            Padding = pad,
            PaddingMode = options.PaddingMode,
            HasBias = hasBias,
            OutputHeight = checked((int)outputHeight),
            OutputWidth = checked((int)outputWidth),
        };
        _ = checked(problem.InputLength + problem.OutputLength + problem.WeightLength);
        return problem;
    }

    /// <summary>The core library's border for this padding mode (zeros: Constant(0)).</summary>
    internal Border Border => PaddingMode switch
    {
        LayerPaddingMode.Reflect => Border.Reflect101,
        LayerPaddingMode.Replicate => Border.Replicate,
        LayerPaddingMode.Circular => Border.Wrap,
        _ => Border.Constant(0),
    };

    /// <inheritdoc/>
    public override string ToString() =>
        $"n{Batch}c{InputChannels}h{InputHeight}w{InputWidth}_o{OutputChannels}k{KernelHeight}x{KernelWidth}_g{Groups}_s{Stride.Y}x{Stride.X}_d{Dilation.Y}x{Dilation.X}_p{Padding.Top},{Padding.Bottom},{Padding.Left},{Padding.Right}_{PaddingMode.ToString().ToLowerInvariant()}{(HasBias ? "_bias" : "")}";

    private static long OutputSize(int size, long padding, int kernel, int dilation, int stride)
    {
        long span = ((long)(kernel - 1) * dilation) + 1, padded = size + padding;
        return padded < span ? 0 : ((padded - span) / stride) + 1;
    }

    private static void Positive(string name, int value)
    {
        if (value < 1) ThrowHelper.OutOfRange(name, value, "1 or more.");
    }
}
