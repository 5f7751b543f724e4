using System;

namespace ConvSharp;

/// <summary>
/// A writable 2D row-major float32 plane over a span: <see cref="Height"/> rows of <see cref="Width"/> samples, row r
/// starting at element r·<see cref="Pitch"/>. The span must hold at least (Height − 1)·Pitch + Width elements.
/// </summary>
public readonly ref struct Plane2D
{
    /// <summary>Wraps <paramref name="data"/> as a <paramref name="height"/> × <paramref name="width"/> plane whose rows are <paramref name="pitch"/> elements apart (default: <paramref name="width"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1, the pitch is less than the width, or the span is too short.</exception>
    public Plane2D(Span<float> data, int height, int width, int pitch = 0)
    {
        Data = data;
        Height = height;
        Width = width;
        Pitch = pitch == 0 ? width : pitch;
        PlaneShape.Validate(data.Length, height, width, Pitch, nameof(data));
    }

    /// <summary>Wraps a whole 2D array.</summary>
    public Plane2D(float[,] array)
        : this(PlaneShape.AsSpan(array), array.GetLength(0), array.GetLength(1))
    {
    }

    /// <summary>The samples; row r, column c is <c>Data[r·Pitch + c]</c>.</summary>
    public Span<float> Data { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Samples per row.</summary>
    public int Width { get; }

    /// <summary>Elements from the start of one row to the start of the next (≥ <see cref="Width"/>).</summary>
    public int Pitch { get; }

    /// <summary>Row <paramref name="row"/> as a span of <see cref="Width"/> samples.</summary>
    public Span<float> Row(int row) => Data.Slice(row * Pitch, Width);

    /// <summary>The sample at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public ref float this[int row, int column] => ref Data[row * Pitch + column];

    /// <summary>This plane, read-only.</summary>
    public ReadOnlyPlane2D AsReadOnly() => new(Data, Height, Width, Pitch);

    /// <summary>Views a 2D array as a plane.</summary>
    public static implicit operator Plane2D(float[,] array) => new(array);
}
