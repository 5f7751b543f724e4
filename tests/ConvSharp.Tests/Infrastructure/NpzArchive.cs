using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ConvSharp.Tests.Infrastructure;

/// <summary>Reads the float64, C-order, little-endian 2D arrays of a numpy .npz archive (what make_golden.py writes).</summary>
internal sealed partial class NpzArchive
{
    private readonly Dictionary<string, (int Rows, int Columns, double[] Data)> _arrays = new(StringComparer.Ordinal);

    public NpzArchive(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            _arrays[Path.GetFileNameWithoutExtension(entry.Name)] = ParseNpy(memory.ToArray(), entry.Name);
        }
    }

    public (int Rows, int Columns, double[] Data) this[string name] => _arrays[name];

    private static (int, int, double[]) ParseNpy(byte[] bytes, string name)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new InvalidDataException($"{name} is not an .npy file");
        int major = bytes[6];
        int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int headerStart = major == 1 ? 10 : 12;
        string header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        if (!header.Contains("'descr': '<f8'", StringComparison.Ordinal) || !header.Contains("'fortran_order': False", StringComparison.Ordinal))
            throw new InvalidDataException($"{name}: expected little-endian float64 in C order, got {header}");
        var shape = Shape().Match(header);
        int[] dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (dims.Length != 2) throw new InvalidDataException($"{name}: expected a 2D array, got shape ({shape.Groups[1].Value})");
        var data = new double[dims[0] * dims[1]];
        var payload = bytes.AsSpan(headerStart + headerLength);
        for (int i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadDoubleLittleEndian(payload[(8 * i)..]);
        return (dims[0], dims[1], data);
    }

    [GeneratedRegex(@"'shape': \(([^)]*)\)")]
    private static partial Regex Shape();
}
