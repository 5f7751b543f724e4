using System;
using System.Globalization;
using System.Text;

namespace ConvSharp;

/// <summary>
/// One fully resolved 2D convolution problem: shapes, kind, output size, border, anchor, stride and dilation, but no data.
/// Immutable and validated on creation. Its <see cref="ToString"/> is the canonical problem string, for example
/// <c>h1024w1024_k3x3_same_constant0_s1_d1</c>, which logs, benchmarks, test failures and the CLI all print and
/// <see cref="Parse"/> reads back.
/// </summary>
/// <remarks>
/// Every algorithm computes, for 0 ≤ y &lt; <see cref="OutputHeight"/> and 0 ≤ x &lt; <see cref="OutputWidth"/>:
/// <c>out[y,x] = Σ_{i,j} in[y·sy + i·dy − ay, x·sx + j·dx − ax] · k'[i,j]</c>, where k' is the kernel (correlation) or
/// the kernel flipped on both axes (convolution), (ay, ax) is <see cref="Anchor"/> and samples outside the input come
/// from <see cref="Border"/>. Full and Valid fix the anchor at (KH−1, KW−1) and (0, 0); Same uses the default or the
/// explicit one. KH = (kh−1)·dy + 1 is the dilated kernel height, and likewise KW.
/// </remarks>
public sealed class Conv2DProblem : IEquatable<Conv2DProblem>
{
    private Conv2DProblem(
        int inputHeight, int inputWidth, int kernelHeight, int kernelWidth, ConvolutionKind kind, OutputSize size,
        Border border, (int Y, int X) anchor, (int Y, int X) stride, (int Y, int X) dilation, int outputHeight, int outputWidth)
    {
        InputHeight = inputHeight;
        InputWidth = inputWidth;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Kind = kind;
        Size = size;
        Border = border;
        Anchor = anchor;
        Stride = stride;
        Dilation = dilation;
        OutputHeight = outputHeight;
        OutputWidth = outputWidth;
    }

    /// <summary>Input rows (H).</summary>
    public int InputHeight { get; }

    /// <summary>Input columns (W).</summary>
    public int InputWidth { get; }

    /// <summary>Kernel rows (kh), before dilation.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel columns (kw), before dilation.</summary>
    public int KernelWidth { get; }

    /// <summary>Correlation or convolution.</summary>
    public ConvolutionKind Kind { get; }

    /// <summary>Full, Same or Valid.</summary>
    public OutputSize Size { get; }

    /// <summary>The border mode and fill value.</summary>
    public Border Border { get; }

    /// <summary>The resolved anchor (ay, ax) of the formula in dilated input pixels, applied to the kernel as used (flipped for convolution).</summary>
    public (int Y, int X) Anchor { get; }

    /// <summary>Output step (sy, sx) in input pixels.</summary>
    public (int Y, int X) Stride { get; }

    /// <summary>Tap spacing (dy, dx) in input pixels.</summary>
    public (int Y, int X) Dilation { get; }

    /// <summary>Output rows.</summary>
    public int OutputHeight { get; }

    /// <summary>Output columns.</summary>
    public int OutputWidth { get; }

    /// <summary>KH = (kh − 1)·dy + 1, the rows the dilated kernel spans.</summary>
    public int DilatedKernelHeight => (KernelHeight - 1) * Dilation.Y + 1;

    /// <summary>KW = (kw − 1)·dx + 1, the columns the dilated kernel spans.</summary>
    public int DilatedKernelWidth => (KernelWidth - 1) * Dilation.X + 1;

    /// <summary>Multiply-adds one evaluation performs: output samples × kernel taps.</summary>
    public long MultiplyAdds => (long)OutputHeight * OutputWidth * KernelHeight * KernelWidth;

    /// <summary>True when the anchor is the default one for the output size and kind.</summary>
    public bool HasDefaultAnchor => Anchor == DefaultAnchor(Size, Kind, DilatedKernelHeight, DilatedKernelWidth);

    /// <summary>
    /// Validates and resolves a problem. Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/>
    /// naming the parameter and its value for an empty shape, a zero or negative stride or dilation, a kernel larger than the
    /// input for Valid, an anchor outside the dilated kernel or given for Full/Valid, and sizes that overflow.
    /// </summary>
    /// <remarks>
    /// Unlike scipy.signal, Valid never swaps the operands when the kernel is the larger one: that is an error here, because
    /// the image and the kernel play different roles (border, stride, anchor) and silently exchanging them would change the meaning.
    /// </remarks>
    public static Conv2DProblem Create(int inputHeight, int inputWidth, int kernelHeight, int kernelWidth, Conv2DOptions? options = null)
    {
        options ??= Conv2DOptions.Default;
        RequirePositive(inputHeight, nameof(inputHeight));
        RequirePositive(inputWidth, nameof(inputWidth));
        RequirePositive(kernelHeight, nameof(kernelHeight));
        RequirePositive(kernelWidth, nameof(kernelWidth));
        RequireElementCount((long)inputHeight * inputWidth, "input", inputHeight, inputWidth);
        RequireElementCount((long)kernelHeight * kernelWidth, "kernel", kernelHeight, kernelWidth);
        if (!Enum.IsDefined(options.Kind)) ThrowHelper.OutOfRange("options.Kind", options.Kind, "Correlation or Convolution.");
        if (!Enum.IsDefined(options.Size)) ThrowHelper.OutOfRange("options.Size", options.Size, "Full, Same or Valid.");
        if (!Enum.IsDefined(options.Border.Mode)) ThrowHelper.OutOfRange("options.Border", options.Border.Mode, "a defined BorderMode.");

        var stride = options.Stride;
        var dilation = options.Dilation;
        if (stride.Y < 1 || stride.X < 1) ThrowHelper.OutOfRange("options.Stride", stride, "both components must be ≥ 1.");
        if (dilation.Y < 1 || dilation.X < 1) ThrowHelper.OutOfRange("options.Dilation", dilation, "both components must be ≥ 1.");

        long dilatedHeight = (long)(kernelHeight - 1) * dilation.Y + 1;
        long dilatedWidth = (long)(kernelWidth - 1) * dilation.X + 1;
        if (dilatedHeight > int.MaxValue || dilatedWidth > int.MaxValue)
            ThrowHelper.OutOfRange("options.Dilation", dilation, $"the dilated kernel extent ({dilatedHeight} x {dilatedWidth}) overflows Int32.");

        int kh = (int)dilatedHeight, kw = (int)dilatedWidth;
        if (options.Size == OutputSize.Valid && (kh > inputHeight || kw > inputWidth))
            ThrowHelper.Argument("kernel", $"kernel = {kernelHeight}x{kernelWidth} (dilated {kh}x{kw}) is larger than the input {inputHeight}x{inputWidth}, so Valid has no output. ConvSharp does not swap the operands as scipy does.");

        (int Y, int X) anchor = DefaultAnchor(options.Size, options.Kind, kh, kw);
        if (options.Anchor is { } explicitAnchor)
        {
            if (options.Size != OutputSize.Same && explicitAnchor != anchor)
                ThrowHelper.Argument("options.Anchor", $"options.Anchor = {ThrowHelper.Format(explicitAnchor)} applies only to OutputSize.Same; {options.Size} fixes it at {ThrowHelper.Format(anchor)}.");
            if (explicitAnchor.Y < 0 || explicitAnchor.Y >= kh || explicitAnchor.X < 0 || explicitAnchor.X >= kw)
                ThrowHelper.OutOfRange("options.Anchor", explicitAnchor, $"it must lie inside the dilated kernel, 0 ≤ Y < {kh} and 0 ≤ X < {kw}.");
            anchor = explicitAnchor;
        }

        long denseHeight = DenseExtent(options.Size, inputHeight, kh);
        long denseWidth = DenseExtent(options.Size, inputWidth, kw);
        long outputHeight = (denseHeight + stride.Y - 1) / stride.Y;
        long outputWidth = (denseWidth + stride.X - 1) / stride.X;
        if (outputHeight > int.MaxValue || outputWidth > int.MaxValue)
            ThrowHelper.OutOfRange("kernel", (kernelHeight, kernelWidth), $"the output extent ({outputHeight} x {outputWidth}) overflows Int32.");
        RequireElementCount(outputHeight * outputWidth, "output", outputHeight, outputWidth);

        return new Conv2DProblem(
            inputHeight, inputWidth, kernelHeight, kernelWidth, options.Kind, options.Size, options.Border,
            anchor, stride, dilation, (int)outputHeight, (int)outputWidth);
    }

    /// <summary>Reads a canonical problem string back, so a logged or benchmarked row can be replayed.</summary>
    /// <exception cref="FormatException">The text is not a canonical problem string.</exception>
    public static Conv2DProblem Parse(string text) => ProblemStringParser.Parse(text);

    /// <summary>The anchor scipy.signal uses: it places Same at the centre of Full.</summary>
    internal static (int Y, int X) DefaultAnchor(OutputSize size, ConvolutionKind kind, int dilatedKernelHeight, int dilatedKernelWidth) => size switch
    {
        OutputSize.Full => (dilatedKernelHeight - 1, dilatedKernelWidth - 1),
        OutputSize.Valid => (0, 0),
        _ when kind == ConvolutionKind.Convolution => (dilatedKernelHeight / 2, dilatedKernelWidth / 2),
        _ => ((dilatedKernelHeight - 1) / 2, (dilatedKernelWidth - 1) / 2),
    };

    /// <summary>
    /// The documented accuracy contract: the largest |result − Reference| an exact float32 algorithm may show,
    /// (kh·kw + 1) · 2⁻²³ · Σ|k| · max(max|x|, |fill|): one rounding of a partial sum per tap plus the reference's
    /// final rounding. Tests and <c>convsharp bench</c> verify against it.
    /// </summary>
    /// <param name="maxAbsInput">max |x| over the input.</param>
    /// <param name="sumAbsKernel">Σ |k| over the kernel.</param>
    public double ErrorBound(double maxAbsInput, double sumAbsKernel) =>
        (((double)KernelHeight * KernelWidth) + 1) * Math.Pow(2, -23) * sumAbsKernel * Math.Max(maxAbsInput, Math.Abs((double)Border.Value));

    /// <summary>The options that recreate this problem (with Auto and all cores).</summary>
    public Conv2DOptions ToOptions() => new()
    {
        Kind = Kind,
        Size = Size,
        Border = Border,
        Anchor = Size == OutputSize.Same && !HasDefaultAnchor ? Anchor : null,
        Stride = Stride,
        Dilation = Dilation,
    };

    /// <summary>The canonical problem string, e.g. <c>h1024w1024_k3x3_same_constant0_s1_d1</c>; convolution adds <c>_conv</c> after the kernel and a non-default anchor adds <c>_a{Y}x{X}</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(64);
        text.Append(CultureInfo.InvariantCulture, $"h{InputHeight}w{InputWidth}_k{KernelHeight}x{KernelWidth}");
        if (Kind == ConvolutionKind.Convolution) text.Append("_conv");
        text.Append('_').Append(Size switch { OutputSize.Full => "full", OutputSize.Valid => "valid", _ => "same" });
        text.Append('_').Append(Border.ToString());
        if (!HasDefaultAnchor) text.Append(CultureInfo.InvariantCulture, $"_a{Anchor.Y}x{Anchor.X}");
        text.Append("_s").Append(Pair(Stride)).Append("_d").Append(Pair(Dilation));
        return text.ToString();

        static string Pair((int Y, int X) p) => p.Y == p.X
            ? p.Y.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{p.Y}x{p.X}");
    }

    /// <summary>Field-by-field equality (the output shape follows from the fields); allocates nothing, for the planner's cache.</summary>
    public bool Equals(Conv2DProblem? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (InputHeight == other.InputHeight && InputWidth == other.InputWidth &&
          KernelHeight == other.KernelHeight && KernelWidth == other.KernelWidth &&
          Kind == other.Kind && Size == other.Size && SameBorder(Border, other.Border) &&
          Anchor == other.Anchor && Stride == other.Stride && Dilation == other.Dilation));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Conv2DProblem);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(
            HashCode.Combine(InputHeight, InputWidth, KernelHeight, KernelWidth),
            Kind, Size, Border.Mode, Border.Mode == BorderMode.Constant ? Border.Value : 0f, Anchor, Stride, Dilation);

    // As the canonical string sees borders: only Constant reads its value, and −0 and +0 fill alike.
    private static bool SameBorder(Border a, Border b) => a.Mode == b.Mode && (a.Mode != BorderMode.Constant || a.Value.Equals(b.Value));

    private static long DenseExtent(OutputSize size, int input, int dilatedKernel) => size switch
    {
        OutputSize.Full => (long)input + dilatedKernel - 1,
        OutputSize.Valid => input - dilatedKernel + 1,
        _ => input,
    };

    private static void RequirePositive(int value, string name)
    {
        if (value < 1) ThrowHelper.OutOfRange(name, value, "it must be ≥ 1 (empty inputs and kernels are not allowed).");
    }

    private static void RequireElementCount(long count, string name, long height, long width)
    {
        // Array.MaxLength elements of float: spans and arrays index with Int32, and byte sizes stay below 8 GiB.
        if (count > Array.MaxLength)
            ThrowHelper.OutOfRange(name, $"{height}x{width}", $"{height}·{width} = {count} elements exceeds the largest array ({Array.MaxLength}).");
    }
}
