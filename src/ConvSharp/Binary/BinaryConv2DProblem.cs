using System;

namespace ConvSharp.Binary;

/// <summary>
/// One XNOR-Net convolution's shapes: the geometry of a Conv2D correlation (<see cref="Geometry"/>: sizes, output size,
/// anchor, stride, dilation; its zero border is what K's mean of |I| reads outside the image) and the binary padding.
/// Value equality on the fields.
/// </summary>
public sealed record BinaryConv2DProblem
{
    private BinaryConv2DProblem(Conv2DProblem geometry, BinaryPadding padding)
    {
        Geometry = geometry;
        Padding = padding;
    }

    /// <summary>The correlation's geometry (Conv2D's problem with a zero border).</summary>
    public Conv2DProblem Geometry { get; }

    /// <summary>What taps outside the image contribute.</summary>
    public BinaryPadding Padding { get; }

    /// <summary>Taps per window, kh·kw: the n of the ±1 paddings, and K's divisor.</summary>
    public int Taps => Geometry.KernelHeight * Geometry.KernelWidth;

    /// <summary>Validates and resolves a problem.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, stride or dilation is out of range, or the size is Full.</exception>
    /// <exception cref="ArgumentException">The kernel is larger than the input for Valid, or the anchor lies outside the kernel.</exception>
    public static BinaryConv2DProblem Create(int inputHeight, int inputWidth, int kernelHeight, int kernelWidth, BinaryConv2DOptions? options = null)
    {
        options ??= BinaryConv2DOptions.Default;
        if (options.Size == OutputSize.Full) ThrowHelper.OutOfRange("options.Size", options.Size, "Same or Valid (XNOR-Net's outputs are Same or Valid).");
        if (!Enum.IsDefined(options.Padding)) ThrowHelper.OutOfRange("options.Padding", options.Padding, "Zero, MinusOne or PlusOne.");
        var geometry = Conv2DProblem.Create(inputHeight, inputWidth, kernelHeight, kernelWidth, new Conv2DOptions
        {
            Kind = ConvolutionKind.Correlation,
            Size = options.Size,
            Border = Border.Constant(0f),
            Anchor = options.Anchor,
            Stride = options.Stride,
            Dilation = options.Dilation,
        });
        return new BinaryConv2DProblem(geometry, options.Padding);
    }

    /// <summary>The geometry's canonical string, then <c>_xnor_</c> and the padding (<c>zero</c>, <c>minus-one</c>, <c>plus-one</c>).</summary>
    public override string ToString() => $"{Geometry}_xnor_{PaddingName(Padding)}";

    /// <summary>The CLI's and the problem string's name of a padding.</summary>
    public static string PaddingName(BinaryPadding padding) => padding switch
    {
        BinaryPadding.MinusOne => "minus-one",
        BinaryPadding.PlusOne => "plus-one",
        _ => "zero",
    };
}
