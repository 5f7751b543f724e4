using System;
using System.IO;

namespace ConvSharp.Cli.IO;

/// <summary>Writes a file through a temporary file in the same folder and a rename, so a failed run leaves nothing at the path.</summary>
public static class AtomicFile
{
    /// <summary>Fails early, before any work, when the output folder does not exist.</summary>
    public static void RequireFolder(string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(folder)) throw new CliException($"{path}: the output folder {folder} does not exist");
    }

    /// <summary>Runs <paramref name="write"/> into a temporary file next to <paramref name="path"/>, then renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        RequireFolder(path);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
