using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ConvSharp.Cli.IO;

namespace ConvSharp.Cli.Kernels;

/// <summary>
/// Turns the <c>--kernel</c> text into a matrix: a named preset (<c>identity</c>, <c>box:N</c>, <c>gaussian:N:sigma</c>,
/// <c>sobel-x</c>, <c>sobel-y</c>, <c>scharr-x</c>, <c>scharr-y</c>, <c>laplacian</c>, <c>sharpen</c>, <c>emboss</c>,
/// <c>random:N:seed</c>), an inline matrix (<c>"1,2,1;0,0,0;-1,-2,-1"</c>), or a .npy or .csv file.
/// </summary>
public static class KernelParser
{
    /// <summary>The preset names, for help and error messages.</summary>
    public const string Presets = "identity, box:N, gaussian:N:sigma, dog:N:sigma1:sigma2, sobel-x, sobel-y, scharr-x, scharr-y, laplacian, sharpen, emboss, random:N:seed";

    private const int MaxSide = 4096;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="CliException">The text is none of the accepted forms, or a preset's arguments are out of range.</exception>
    public static Matrix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Length == 0) throw new CliException("--kernel is empty");
        if (t.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) return NpyReader.Read(t);
        if (t.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return ReadCsv(t);
        if (t.Contains(',', StringComparison.Ordinal) || t.Contains(';', StringComparison.Ordinal) || double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return ParseRows(t.Split(';'), $"--kernel \"{text}\"", ',');

        string[] parts = t.ToLowerInvariant().Split(':');
        return parts[0] switch
        {
            "identity" => Fixed(parts, [[0, 0, 0], [0, 1, 0], [0, 0, 0]]),
            "sobel-x" => Fixed(parts, [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
            "sobel-y" => Fixed(parts, [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),
            "scharr-x" => Fixed(parts, [[-3, 0, 3], [-10, 0, 10], [-3, 0, 3]]),
            "scharr-y" => Fixed(parts, [[-3, -10, -3], [0, 0, 0], [3, 10, 3]]),
            "laplacian" => Fixed(parts, [[0, 1, 0], [1, -4, 1], [0, 1, 0]]),
            "sharpen" => Fixed(parts, [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]),
            "emboss" => Fixed(parts, [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]),
            "box" => Box(Side(parts, 2, "box:N")),
            "gaussian" => Gaussian(Side(parts, 3, "gaussian:N:sigma"), Number(parts[2], "sigma", "gaussian:N:sigma")),
            "dog" => DifferenceOfGaussians(parts),
            "random" => Random(Side(parts, 3, "random:N:seed"), (int)Number(parts[2], "seed", "random:N:seed")),
            _ => throw new CliException($"--kernel \"{text}\" is not a preset, an inline matrix or a .npy/.csv file. Presets: {Presets}"),
        };
    }

    /// <summary>A seeded N×N kernel of uniform values in [0, 1), the notebook's <c>np.random.rand(N, N)</c>.</summary>
    public static Matrix Random(int side, int seed)
    {
        var random = new Random(seed);
        var data = new float[side * side];
        for (int i = 0; i < data.Length; i++) data[i] = (float)random.NextDouble();
        return new Matrix(side, side, data);
    }

    private static Matrix Fixed(string[] parts, float[][] rows)
    {
        if (parts.Length != 1) throw new CliException($"--kernel preset '{parts[0]}' takes no arguments");
        return new Matrix(rows.Length, rows[0].Length, rows.SelectMany(r => r).ToArray());
    }

    private static Matrix Box(int side) =>
        new(side, side, Enumerable.Repeat(1f / (side * side), side * side).ToArray());

    private static Matrix Gaussian(int side, double sigma)
    {
        if (!(sigma > 0) || double.IsInfinity(sigma)) throw new CliException($"--kernel gaussian: sigma = {sigma.ToString(CultureInfo.InvariantCulture)} must be positive");
        var data = new float[side * side];
        double centre = (side - 1) / 2.0, sum = 0;
        var weights = new double[data.Length];
        for (int y = 0; y < side; y++)
        for (int x = 0; x < side; x++)
            sum += weights[(y * side) + x] = Math.Exp(-(((y - centre) * (y - centre)) + ((x - centre) * (x - centre))) / (2 * sigma * sigma));
        for (int i = 0; i < data.Length; i++) data[i] = (float)(weights[i] / sum);
        return new Matrix(side, side, data);
    }

    /// <summary>gaussian(N, σ1) − gaussian(N, σ2): a rank-2 band-pass kernel.</summary>
    private static Matrix DifferenceOfGaussians(string[] parts)
    {
        const string Form = "dog:N:sigma1:sigma2";
        int side = Side(parts, 4, Form);
        var narrow = Gaussian(side, Number(parts[2], "sigma1", Form));
        var wide = Gaussian(side, Number(parts[3], "sigma2", Form));
        return new Matrix(side, side, narrow.Data.Zip(wide.Data, (a, b) => a - b).ToArray());
    }

    private static int Side(string[] parts, int expected, string form)
    {
        if (parts.Length != expected) throw new CliException($"--kernel: expected {form}, got '{string.Join(':', parts)}'");
        double n = Number(parts[1], "N", form);
        if (n != Math.Floor(n) || n < 1 || n > MaxSide) throw new CliException($"--kernel {form}: N = {parts[1]} must be a whole number from 1 to {MaxSide}");
        return (int)n;
    }

    private static double Number(string text, string name, string form) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new CliException($"--kernel {form}: {name} = '{text}' is not a number");

    private static Matrix ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new CliException($"{path}: no such file");
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        if (lines.Length == 0) throw new CliException($"{path}: no kernel rows");
        return ParseRows(lines, path, ',');
    }

    private static Matrix ParseRows(string[] rows, string source, char separator)
    {
        var values = new List<float>();
        int columns = -1;
        for (int r = 0; r < rows.Length; r++)
        {
            string[] cells = rows[r].Split(separator, StringSplitOptions.TrimEntries);
            if (columns >= 0 && cells.Length != columns)
                throw new CliException($"{source}: row {r + 1} has {cells.Length} values, row 1 has {columns}");
            columns = cells.Length;
            foreach (string cell in cells)
            {
                if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
                    throw new CliException($"{source}: '{cell}' in row {r + 1} is not a finite number");
                values.Add(v);
            }
        }

        return new Matrix(rows.Length, columns, values.ToArray());
    }
}
