using System;
using Spectre.Console;

namespace ConvSharp.Cli;

/// <summary>The <c>convsharp</c> executable.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var console = AnsiConsole.Console;
        // Redirected output (CI logs, files) reports 80 columns; the bench table needs more to stay readable.
        if (Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 160);
        return ConvSharpApp.Run(args, console, Console.Error);
    }
}
