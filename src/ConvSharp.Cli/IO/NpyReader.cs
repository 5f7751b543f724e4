using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace ConvSharp.Cli.IO;

/// <summary>
/// Reads a 2-D .npy file as written by <c>numpy.save</c>: dtype float32, float64, uint8, uint16, int16 or int32, little or
/// big endian, C or Fortran order. The header is validated and the file size checked against it before any sample buffer
/// is allocated, so a lying or truncated header fails with a message instead of an exception or a huge allocation.
/// </summary>
public static class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads <paramref name="path"/> into a float32 matrix.</summary>
    /// <exception cref="CliException">The file is missing, malformed, truncated, too large or of an unsupported dtype or rank.</exception>
    public static Matrix Read(string path)
    {
        var (shape, data) = ReadArray(path, [2]);
        return new Matrix((int)shape[0], (int)shape[1], data);
    }

    /// <summary>
    /// Reads <paramref name="path"/> as a float32 array of one of <paramref name="ranks"/> (C order, shape as stored; a
    /// Fortran-order array of rank 2 is transposed to C order, higher ranks in Fortran order are refused).
    /// </summary>
    /// <exception cref="CliException">The file is missing, malformed, truncated, too large, or of an unsupported dtype, rank or order.</exception>
    public static (long[] Shape, float[] Data) ReadArray(string path, int[] ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        if (!File.Exists(path)) throw new CliException($"{path}: no such file");
        using var stream = File.OpenRead(path);
        long fileLength = stream.Length;
        Span<byte> prefix = stackalloc byte[12];
        if (fileLength < 10 || stream.Read(prefix[..10]) != 10 || !prefix[..6].SequenceEqual(Magic))
            throw new CliException($"{path}: not an .npy file (missing the \\x93NUMPY magic)");

        int major = prefix[6];
        long headerLength;
        int headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (stream.Read(prefix[10..12]) != 2) throw new CliException($"{path}: truncated .npy header");
            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
            headerStart = 12;
        }
        else
        {
            throw new CliException($"{path}: unsupported .npy format version {major}.{prefix[7]}");
        }

        if (headerStart + headerLength > fileLength || headerLength > 1 << 20)
            throw new CliException($"{path}: truncated .npy header (declares {headerLength} bytes, file has {fileLength})");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var header = NpyHeader.Parse(Encoding.Latin1.GetString(headerBytes), path, ranks);

        long[] shape = header.Shape;
        string dims = string.Join(", ", shape);
        if (Array.IndexOf(shape, 0L) >= 0) throw new CliException($"{path}: empty array of shape ({dims})");
        long count = 1;
        foreach (long d in shape)
        {
            if (d > int.MaxValue || count > Array.MaxLength / d)
                throw new CliException($"{path}: shape ({dims}) is too large (more than {Array.MaxLength} elements)");
            count *= d;
        }

        if (header.FortranOrder && shape.Length != 2)
            throw new CliException($"{path}: a Fortran-order {shape.Length}-D array; save it in C order (numpy.ascontiguousarray)");
        long dataBytes = count * header.ItemSize;
        long available = fileLength - headerStart - headerLength;
        if (available < dataBytes)
            throw new CliException($"{path}: truncated: the header declares ({dims}) {header.DType} ({dataBytes} bytes) but the file holds {available}");

        var raw = new byte[dataBytes];
        stream.ReadExactly(raw);
        var values = Decode(raw, header, (int)count);
        if (header.FortranOrder) values = Transpose(values, (int)shape[0], (int)shape[1]);
        return (shape, values);
    }

    private static float[] Decode(byte[] raw, NpyHeader header, int count)
    {
        var values = new float[count];
        ReadOnlySpan<byte> bytes = raw;
        bool big = header.BigEndian;
        int size = header.ItemSize;
        for (int i = 0; i < count; i++)
        {
            var item = bytes.Slice(i * size, size);
            values[i] = (header.Kind, size) switch
            {
                ('f', 4) => big ? BinaryPrimitives.ReadSingleBigEndian(item) : BinaryPrimitives.ReadSingleLittleEndian(item),
                ('f', 8) => (float)(big ? BinaryPrimitives.ReadDoubleBigEndian(item) : BinaryPrimitives.ReadDoubleLittleEndian(item)),
                ('u', 1) => item[0],
                ('u', 2) => big ? BinaryPrimitives.ReadUInt16BigEndian(item) : BinaryPrimitives.ReadUInt16LittleEndian(item),
                ('i', 2) => big ? BinaryPrimitives.ReadInt16BigEndian(item) : BinaryPrimitives.ReadInt16LittleEndian(item),
                _ => big ? BinaryPrimitives.ReadInt32BigEndian(item) : BinaryPrimitives.ReadInt32LittleEndian(item),
            };
        }

        return values;
    }

    /// <summary>Fortran order stores column by column: element (r, c) is at c·rows + r.</summary>
    private static float[] Transpose(float[] columnMajor, int rows, int columns)
    {
        var rowMajor = new float[columnMajor.Length];
        for (int c = 0; c < columns; c++)
        for (int r = 0; r < rows; r++)
            rowMajor[(long)r * columns + c] = columnMajor[(long)c * rows + r];
        return rowMajor;
    }
}
