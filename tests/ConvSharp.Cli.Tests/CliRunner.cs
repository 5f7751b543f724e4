using System;
using System.IO;
using Spectre.Console;

namespace ConvSharp.Cli.Tests;

/// <summary>Runs convsharp in-process with captured stdout and stderr.</summary>
internal static class CliRunner
{
    public static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        int exit = ConvSharpApp.Run(args, console, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="args"/> and checks the refusal contract: exit 1, one line naming the problem (<paramref name="message"/>), nothing at <paramref name="output"/>.</summary>
    public static void AssertRefused(string[] args, string message, string output)
    {
        var (exit, _, error) = Run(args);
        Xunit.Assert.Equal(1, exit);
        Xunit.Assert.Contains(message, error, System.StringComparison.Ordinal);
        Xunit.Assert.Single(error.Trim().Split('\n'));
        Xunit.Assert.False(System.IO.File.Exists(output));
    }
}
