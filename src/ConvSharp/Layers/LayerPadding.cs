using System;

namespace ConvSharp.Layers;

/// <summary>
/// The padding of a layer: explicit (top, bottom, left, right), <see cref="Valid"/> (none), or <see cref="Same"/> of
/// TensorFlow's kind, which gives ⌈H / stride⌉ rows and puts the odd row of padding at the bottom (and right).
/// </summary>
public readonly record struct LayerPadding
{
    private LayerPadding(bool same, int top, int bottom, int left, int right)
    {
        IsSame = same;
        Top = top;
        Bottom = bottom;
        Left = left;
        Right = right;
    }

    /// <summary>TensorFlow's <c>padding='SAME'</c>: resolved per input size by <see cref="Resolve"/>.</summary>
    public static LayerPadding Same { get; } = new(true, 0, 0, 0, 0);

    /// <summary>No padding (<c>padding='VALID'</c>, PyTorch <c>padding=0</c>).</summary>
    public static LayerPadding Valid => default;

    /// <summary>True for <see cref="Same"/>.</summary>
    public bool IsSame { get; }

    /// <summary>Rows added above (explicit padding only).</summary>
    public int Top { get; }

    /// <summary>Rows added below.</summary>
    public int Bottom { get; }

    /// <summary>Columns added on the left.</summary>
    public int Left { get; }

    /// <summary>Columns added on the right.</summary>
    public int Right { get; }

    /// <summary>The same padding on every side (PyTorch <c>padding=p</c>).</summary>
    public static LayerPadding Symmetric(int p) => Explicit(p, p, p, p);

    /// <summary>Explicit padding, as ONNX's <c>pads</c> or <c>F.pad</c> give it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is negative.</exception>
    public static LayerPadding Explicit(int top, int bottom, int left, int right)
    {
        foreach (var (name, value) in new[] { (nameof(top), top), (nameof(bottom), bottom), (nameof(left), left), (nameof(right), right) })
        {
            if (value < 0) ThrowHelper.OutOfRange($"padding.{name}", value, "0 or more.");
        }

        return new LayerPadding(false, top, bottom, left, right);
    }

    /// <summary>
    /// The explicit sides for an input of <paramref name="height"/> × <paramref name="width"/>: Same pads
    /// max((⌈H/s⌉ − 1)·s + (k − 1)·d + 1 − H, 0) in total, half on top and the rest below.
    /// </summary>
    public (int Top, int Bottom, int Left, int Right) Resolve(int height, int width, int kernelHeight, int kernelWidth, (int Y, int X) stride, (int Y, int X) dilation)
    {
        if (!IsSame) return (Top, Bottom, Left, Right);
        var (top, bottom) = SameSides(height, kernelHeight, stride.Y, dilation.Y);
        var (left, right) = SameSides(width, kernelWidth, stride.X, dilation.X);
        return (top, bottom, left, right);
    }

    private static (int Before, int After) SameSides(int size, int kernel, int stride, int dilation)
    {
        long output = (size + (long)stride - 1) / stride;
        long total = Math.Max(((output - 1) * stride) + ((long)(kernel - 1) * dilation) + 1 - size, 0);
        return ((int)(total / 2), (int)(total - (total / 2)));
    }

    /// <inheritdoc/>
    public override string ToString() => IsSame ? "same" : Top == 0 && Bottom == 0 && Left == 0 && Right == 0 ? "valid" : $"{Top},{Bottom},{Left},{Right}";
}
