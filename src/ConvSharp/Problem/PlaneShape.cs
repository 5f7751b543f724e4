using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvSharp;

/// <summary>Shape checks and array views shared by <see cref="Plane2D"/> and <see cref="ReadOnlyPlane2D"/>.</summary>
internal static class PlaneShape
{
    public static void Validate(int length, int height, int width, int pitch, string paramName)
    {
        if (height < 1) ThrowHelper.OutOfRange(nameof(height), height, "a plane needs at least one row.");
        if (width < 1) ThrowHelper.OutOfRange(nameof(width), width, "a plane needs at least one column.");
        if (pitch < width) ThrowHelper.OutOfRange(nameof(pitch), pitch, $"the pitch must be at least the width ({width}).");
        long needed = (long)(height - 1) * pitch + width;
        if (needed > length)
            ThrowHelper.OutOfRange(paramName, $"length {length}", $"a {height}x{width} plane with pitch {pitch} needs {needed} elements.");
    }

    public static Span<float> AsSpan(float[,] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return MemoryMarshal.CreateSpan(ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);
    }
}
