using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ConvSharp.Cli.IO;

/// <summary>The header of a .npy file (format versions 1.0, 2.0 and 3.0): dtype, memory order and shape.</summary>
internal sealed partial class NpyHeader
{
    private NpyHeader(char byteOrder, char kind, int itemSize, bool fortranOrder, long[] shape)
    {
        ByteOrder = byteOrder;
        Kind = kind;
        ItemSize = itemSize;
        FortranOrder = fortranOrder;
        Shape = shape;
    }

    /// <summary>'&lt;' little, '&gt;' big, '|' not applicable (one byte), '=' native.</summary>
    public char ByteOrder { get; }

    /// <summary>numpy's kind code: 'f' float, 'i' signed, 'u' unsigned.</summary>
    public char Kind { get; }

    public int ItemSize { get; }

    public bool FortranOrder { get; }

    public long[] Shape { get; }

    public bool BigEndian => ByteOrder == '>';

    public string DType => $"{ByteOrder}{Kind}{ItemSize}";

    /// <summary>Parses the Python dict literal, rejecting anything outside the supported 2-D real dtypes with a message that names it.</summary>
    public static NpyHeader Parse(string header, string path, int[]? ranks = null)
    {
        var descr = Descr().Match(header);
        var order = Order().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shape.Success)
            throw new CliException($"{path}: malformed .npy header: {header.Trim()}");

        string d = descr.Groups[1].Value;
        int size = 0;
        bool supported = d.Length >= 3 && "<>|=".Contains(d[0], StringComparison.Ordinal)
            && int.TryParse(d.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out size)
            && (d[1], size) is ('f', 4) or ('f', 8) or ('u', 1) or ('u', 2) or ('i', 2) or ('i', 4);
        if (!supported)
            throw new CliException($"{path}: dtype '{d}' is not supported; use float32, float64, uint8, uint16, int16 or int32");
        char kind = d[1];

        string[] parts = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dims = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out dims[i]))
                throw new CliException($"{path}: malformed shape ({shape.Groups[1].Value})");
            if (dims[i] < 0) throw new CliException($"{path}: negative dimension in shape ({shape.Groups[1].Value})");
        }

        ranks ??= [2];
        if (Array.IndexOf(ranks, dims.Length) < 0)
            throw new CliException($"{path}: a {dims.Length}-D array of shape ({shape.Groups[1].Value}); this needs a {string.Join(" or ", ranks)}-D array");
        return new NpyHeader(d[0], kind, size, order.Groups[1].Value == "True", dims);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex Order();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
