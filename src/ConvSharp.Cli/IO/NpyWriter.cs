using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace ConvSharp.Cli.IO;

/// <summary>Writes a float32, little-endian, C-order .npy (format 1.0) that <c>numpy.load</c> reads.</summary>
public static class NpyWriter
{
    /// <summary>Writes <paramref name="matrix"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, Matrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        WriteArray(stream, [matrix.Rows, matrix.Columns], matrix.Data);
    }

    /// <summary>Writes <paramref name="data"/> (C order) with <paramref name="shape"/> to <paramref name="stream"/>.</summary>
    public static void WriteArray(Stream stream, long[] shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")}), }}";
        // numpy pads the header with spaces so the data starts on a 64-byte boundary, and ends it with a newline.
        int unpadded = 10 + dict.Length + 1;
        int padding = (64 - unpadded % 64) % 64;
        string header = dict + new string(' ', padding) + "\n";

        Span<byte> prefix = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 0, 0];
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)header.Length);
        stream.Write(prefix);
        stream.Write(Encoding.Latin1.GetBytes(header));

        var buffer = new byte[4 * 4096];
        for (int start = 0; start < data.Length; start += 4096)
        {
            int n = Math.Min(4096, data.Length - start);
            for (int i = 0; i < n; i++) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i), data[start + i]);
            stream.Write(buffer, 0, 4 * n);
        }
    }
}
