using System;

namespace ConvSharp.Cli.IO;

/// <summary>The commands' input: a .npy array or an image, chosen by extension.</summary>
public static class InputFile
{
    /// <summary>Reads <paramref name="path"/> as a float32 matrix.</summary>
    /// <exception cref="CliException">Unsupported extension, or the file's own reader rejects it.</exception>
    public static Matrix Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) return NpyReader.Read(path);
        if (ImageFiles.IsImage(path)) return ImageFiles.ReadGrayscale(path);
        throw new CliException($"{path}: unsupported input; use .npy or an image (.png, .jpg, .bmp, .tif, .webp)");
    }
}
