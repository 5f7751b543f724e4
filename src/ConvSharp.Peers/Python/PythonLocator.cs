using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace ConvSharp.Peers.Python;

/// <summary>
/// Finds the Python that runs the notebook's methods: an explicit path, then <c>CONVSHARP_PYTHON</c>, then
/// <c>python3</c> on PATH, then <c>/usr/bin/python3</c>; the first that imports numpy wins. (On Debian, apt's
/// python3-numpy, -scipy, -numba, -opencv and -torch are visible only to /usr/bin/python3.)
/// </summary>
public static class PythonLocator
{
    /// <summary>The interpreter to use, or null with the reason in <paramref name="why"/>.</summary>
    public static string? Find(string? explicitPath, out string why)
    {
        var tried = new List<string>();
        foreach (string candidate in Candidates(explicitPath))
        {
            tried.Add(candidate);
            if (ImportsNumpy(candidate)) { why = ""; return candidate; }
        }

        why = $"no Python with numpy (tried {string.Join(", ", tried)}); apt-get install python3-numpy python3-scipy python3-opencv python3-numba python3-torch, or pass --python PATH";
        return null;
    }

    private static IEnumerable<string> Candidates(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath)) yield return explicitPath;
        if (Environment.GetEnvironmentVariable("CONVSHARP_PYTHON") is { Length: > 0 } fromEnvironment) yield return fromEnvironment;
        yield return "python3";
        if (File.Exists("/usr/bin/python3")) yield return "/usr/bin/python3";
    }

    private static bool ImportsNumpy(string python)
    {
        try
        {
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import numpy");
            using var process = Process.Start(start);
            if (process is null) return false;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;   // not installed
        }
    }
}
