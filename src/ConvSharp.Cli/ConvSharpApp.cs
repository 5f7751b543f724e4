using System;
using System.IO;
using ConvSharp.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvSharp.Cli;

/// <summary>The <c>convsharp</c> command line, runnable in-process (tests pass their own console and error writer).</summary>
public static class ConvSharpApp
{
    /// <summary>Exit code for bad input or a failed run.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for a malformed command line.</summary>
    public const int UsageError = 2;

    /// <summary>Runs one command line; returns the exit code. Errors are one line on <paramref name="error"/>, never a stack trace.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(CliEnvironment), new CliEnvironment(console, error));
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("convsharp");
            config.ConfigureConsole(console);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<ConvolveCommand>("convolve")
                .WithDescription("Convolve a .npy array or an image with a kernel and write .npy or .png.")
                .WithExample("convolve", "photo.png", "--kernel", "sobel-x", "--output", "edges.png", "--normalize", "abs")
                .WithExample("convolve", "data.npy", "--kernel", "1,2,1;0,0,0;-1,-2,-1", "--output", "out.npy", "--border", "reflect101")
                .WithExample("convolve", "data.npy", "--kernel", "gaussian:7:1.5", "--size", "valid", "--stride", "2,2", "--output", "small.npy", "--stats");
            config.AddCommand<LayerCommand>("layer")
                .WithDescription("The Conv2D layer (PyTorch conv2d: channels, groups, stride, padding, dilation, bias) on .npy tensors.")
                .WithExample("layer", "x.npy", "--weights", "w.npy", "--bias", "b.npy", "--padding", "1", "--output", "y.npy")
                .WithExample("layer", "x.npy", "--weights", "dw.npy", "--groups", "32", "--padding", "same", "--stride", "2,2", "--output", "y.npy");
            config.AddCommand<BenchCommand>("bench")
                .WithDescription("Time every algorithm and OpenCV on the notebook's problem (or another suite), verify each against Reference, and report.")
                .WithExample("bench")
                .WithExample("bench", "--suite", "kernels", "--json", "kernels.json", "--chart", "kernels.png")
                .WithExample("bench", "--image", "photo.png", "--kernel", "sobel-x", "--algorithms", "stencil,simd", "--no-peers");
            config.AddCommand<ProfileCommand>("profile")
                .WithDescription("Per-stage timings of one algorithm on one problem.")
                .WithExample("profile", "--algorithm", "stencil")
                .WithExample("profile", "--algorithm", "simd", "--kernel", "random:9:1", "--border", "wrap", "--json", "profile.json");
            config.AddCommand<InfoCommand>("info")
                .WithDescription("CPU, cores, SIMD tiers, registered algorithms, peers and versions.")
                .WithExample("info");
        });

        try
        {
            return app.Run(args);
        }
        catch (CliException e)
        {
            error.WriteLine($"convsharp: {OneLine(e.Message)}");
            return Failure;
        }
        catch (ArgumentException e)
        {
            // The library's validation: the message already names the parameter and its value. One line, always.
            error.WriteLine($"convsharp: {OneLine(e.Message)}");
            return Failure;
        }
        catch (CommandAppException e)
        {
            error.WriteLine($"convsharp: {OneLine(e.Message)} (see convsharp --help)");
            return UsageError;
        }
        catch (IOException e)
        {
            error.WriteLine($"convsharp: {OneLine(e.Message)}");
            return Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"convsharp: {OneLine(e.Message)}");
            return Failure;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
