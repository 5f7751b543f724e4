using System.IO;
using System.Linq;
using ConvSharp.Cli.IO;
using Xunit;

namespace ConvSharp.Cli.Tests;

/// <summary>.npy files written by numpy itself (Golden/make_npy.py) in every dtype, byte order and memory order.</summary>
public class NpyTests
{
    private static readonly float[] Signed = [0, 1, -2, 3, 4, -5, 6, 7, -8, 9, 10, 11];

    [Theory]
    [InlineData("f4"), InlineData("f8"), InlineData("i2"), InlineData("i4"), InlineData("u2"), InlineData("u1")]
    public void Reads_every_dtype_byte_order_and_memory_order(string dtype)
    {
        var expected = dtype.StartsWith('u') ? Signed.Select(System.Math.Abs).ToArray() : Signed;
        var files = Directory.GetFiles(Path.GetDirectoryName(CliRunner.Golden("x"))!, $"good_{dtype}_*.npy");
        Assert.Equal(dtype == "u1" ? 2 : 4, files.Length);
        foreach (string file in files)
        {
            var matrix = NpyReader.Read(file);
            Assert.Equal((3, 4), (matrix.Rows, matrix.Columns));
            Assert.Equal(expected, matrix.Data);
        }
    }

    [Fact]
    public void Writes_the_bytes_numpy_writes()
    {
        var matrix = new Matrix(3, 4, Signed.ToArray());
        using var stream = new MemoryStream();
        NpyWriter.Write(stream, matrix);
        Assert.Equal(File.ReadAllBytes(CliRunner.Golden("numpy_f4.npy")), stream.ToArray());
    }

    [Fact]
    public void Round_trips_through_writer_and_reader()
    {
        using var folder = new TempFolder();
        var matrix = new Matrix(2, 3, [1.5f, -2.25f, float.NaN, float.PositiveInfinity, 0, 1e-30f]);
        using (var stream = File.Create(folder.File("a.npy"))) NpyWriter.Write(stream, matrix);
        Assert.Equal(matrix.Data, NpyReader.Read(folder.File("a.npy")).Data);
    }
}
