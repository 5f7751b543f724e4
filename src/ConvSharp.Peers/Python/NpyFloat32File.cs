using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace ConvSharp.Peers.Python;

/// <summary>
/// Reads the .npy files the Python methods write with <c>numpy.save</c>: little-endian float32 in C order, any shape,
/// format 1.0 to 3.0. Anything else is a broken peer, reported as such, never reinterpreted.
/// </summary>
internal static class NpyFloat32File
{
    public static float[] Read(string path, long expectedCount)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new InvalidDataException($"{path}: not an .npy file");
        bool wide = bytes[6] >= 2;
        int start = wide ? 12 : 10;
        long length = wide ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)) : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        if (start + length > bytes.Length) throw new InvalidDataException($"{path}: truncated header");
        string header = Encoding.Latin1.GetString(bytes, start, (int)length);
        if (!header.Contains("'descr': '<f4'", StringComparison.Ordinal) || !header.Contains("'fortran_order': False", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: expected little-endian float32 in C order, found {header.Trim()}");
        var data = bytes.AsSpan(start + (int)length);
        if (data.Length != expectedCount * sizeof(float))
            throw new InvalidDataException($"{path}: {data.Length / sizeof(float)} floats, expected {expectedCount}");
        return MemoryMarshal.Cast<byte, float>(data).ToArray();
    }
}
