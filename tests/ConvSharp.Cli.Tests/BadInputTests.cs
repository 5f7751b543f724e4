using System;
using System.IO;
using Xunit;

namespace ConvSharp.Cli.Tests;

/// <summary>Every malformed input: one clear line on stderr, a non-zero exit code, no stack trace, nothing at OUT.</summary>
public class BadInputTests
{
    public static TheoryData<string, string[], string> Cases() => new()
    {
        { "missing file", ["convolve", "nope.npy", "-k", "identity"], "no such file" },
        { "truncated", ["convolve", Golden("bad_truncated.npy"), "-k", "identity"], "truncated" },
        { "short header", ["convolve", Golden("bad_short_header.npy"), "-k", "identity"], "truncated" },
        { "lying huge shape", ["convolve", Golden("bad_huge.npy"), "-k", "identity"], "too large" },
        { "negative shape", ["convolve", Golden("bad_negative.npy"), "-k", "identity"], "negative" },
        { "3-D array", ["convolve", Golden("bad_3d.npy"), "-k", "identity"], "3-D" },
        { "complex dtype", ["convolve", Golden("bad_complex.npy"), "-k", "identity"], "'<c8' is not supported" },
        { "object dtype", ["convolve", Golden("bad_object.npy"), "-k", "identity"], "'|O' is not supported" },
        { "int64 dtype", ["convolve", Golden("bad_int64.npy"), "-k", "identity"], "'<i8' is not supported" },
        { "malformed header", ["convolve", Golden("bad_header.npy"), "-k", "identity"], "malformed .npy header" },
        { "not npy", ["convolve", Golden("bad_magic.npy"), "-k", "identity"], "not an .npy file" },
        { "corrupt image", ["convolve", Golden("bad_image.png"), "-k", "identity"], "not a readable image" },
        { "malformed inline kernel", ["convolve", Golden("good_f4_le_C.npy"), "-k", "1,2;3"], "row 2 has 1 values" },
        { "non-numeric kernel", ["convolve", Golden("good_f4_le_C.npy"), "-k", "1,x"], "'x' in row 1 is not a finite number" },
        { "unknown preset", ["convolve", Golden("good_f4_le_C.npy"), "-k", "blur"], "not a preset" },
        { "unknown border", ["convolve", Golden("good_f4_le_C.npy"), "-k", "identity", "--border", "mirror"], "--border 'mirror'" },
        { "unknown algorithm", ["convolve", Golden("good_f4_le_C.npy"), "-k", "identity", "--algorithm", "magic"], "--algorithm 'magic'" },
        { "zero stride", ["convolve", Golden("good_f4_le_C.npy"), "-k", "identity", "--stride", "0,1"], "--stride 0,1" },
        { "anchor outside kernel", ["convolve", Golden("good_f4_le_C.npy"), "-k", "identity", "--anchor", "5,0"], "options.Anchor = (5, 0)" },
        { "kernel larger than input for valid", ["convolve", Golden("good_f4_le_C.npy"), "-k", "box:5", "--size", "valid"], "larger than the input" },
        { "unsupported algorithm for kernel", ["convolve", Golden("good_f4_le_C.npy"), "-k", "box:4", "--algorithm", "stencil"], "does not support" },
        { "unknown option", ["convolve", Golden("good_f4_le_C.npy"), "-k", "identity", "--frobnicate"], "Unknown option" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fails_with_one_line_and_writes_nothing(string what, string[] args, string message)
    {
        using var folder = new TempFolder();
        string output = folder.File("out.npy");
        string[] full = [.. args, "--output", output];
        var (exit, _, error) = CliRunner.Run(full);
        Assert.True(exit != 0, $"{what}: exit 0");
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output), $"{what}: wrote {output}");
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Missing_output_folder_is_reported_before_any_work()
    {
        var (exit, _, error) = CliRunner.Run("convolve", Golden("good_f4_le_C.npy"), "-k", "identity", "-o", "/nonexistent-folder/x/out.npy");
        Assert.Equal(1, exit);
        Assert.Contains("output folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_output_extension_is_rejected()
    {
        using var folder = new TempFolder();
        var (exit, _, error) = CliRunner.Run("convolve", Golden("good_f4_le_C.npy"), "-k", "identity", "-o", folder.File("out.txt"));
        Assert.Equal(1, exit);
        Assert.Contains(".npy or .png", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    private static string Golden(string name) => CliRunner.Golden(name);
}
