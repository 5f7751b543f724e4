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
}
