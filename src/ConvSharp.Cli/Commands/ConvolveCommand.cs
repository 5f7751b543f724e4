using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using ConvSharp.Cli.IO;
using ConvSharp.Cli.Kernels;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary><c>convsharp convolve INPUT --kernel K --output OUT</c>.</summary>
public sealed class ConvolveCommand(CliEnvironment environment) : Command<ConvolveSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, ConvolveSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Everything that can be checked before reading or computing is checked first.
        string output = settings.Output!;
        string extension = Path.GetExtension(output).ToLowerInvariant();
        if (extension is not (".npy" or ".png")) throw new CliException($"--output {output}: the extension must be .npy or .png");
        if (extension == ".npy" && (settings.Colormap is not null || settings.Depth != 8))
            throw new CliException("--colormap and --depth apply to .png output only");
        var normalization = settings.Normalize.ToLowerInvariant() switch
        {
            "minmax" => Normalization.MinMax,
            "clip" => Normalization.Clip,
            "abs" => Normalization.Abs,
            _ => throw new CliException($"--normalize '{settings.Normalize}' is not minmax, clip or abs"),
        };
        AtomicFile.RequireFolder(output);
        if (settings.Binary) return Binary(settings, output, extension, normalization);
        BinaryOptions.RequireDefaultPadding(settings.BinaryPadding, "with --binary");
        var options = settings.ToOptions();
        var kernel = KernelParser.Parse(settings.Kernel!);
        var input = InputFile.Read(settings.Input);

        var plan = Conv2D.Plan(input.Rows, input.Columns, kernel.Rows, kernel.Columns, options);
        var result = new Matrix(plan.Problem.OutputHeight, plan.Problem.OutputWidth, new float[(long)plan.Problem.OutputHeight * plan.Problem.OutputWidth]);
        plan.Execute(input.AsPlane(), kernel.AsPlane(), new Plane2D(result.Data, result.Rows, result.Columns), new ExecutionContext { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism });

        Write(output, extension, result, normalization, settings);
        if (settings.Stats) PrintStats(result, plan.Algorithm.Name, plan.Problem.ToString());
        return 0;
    }

    /// <summary>
    /// <c>--binary</c>: XNOR-Net's output for one plane. The float options that do not apply (convolution mode, a border,
    /// Full size) are refused in one line; <c>--stats</c> adds the relative error against the float correlation of the
    /// same input and kernel with a zero border, so users see what binarisation costs.
    /// </summary>
    private int Binary(ConvolveSettings settings, string output, string extension, Normalization normalization)
    {
        var options = BinaryOptions.Parse(settings, settings.BinaryPadding, settings.Algorithm);
        var context = new ExecutionContext { MaxDegreeOfParallelism = ProblemSettings.ParseThreads(settings.Threads) };
        var kernel = KernelParser.Parse(settings.Kernel!);
        var input = InputFile.Read(settings.Input);
        var prepared = ConvSharp.Binary.BinaryConv2D.Prepare(input.Rows, input.Columns, kernel.AsPlane(), options);
        var g = prepared.Problem.Geometry;
        var result = new Matrix(g.OutputHeight, g.OutputWidth, new float[(long)g.OutputHeight * g.OutputWidth]);
        prepared.Execute(input.AsPlane(), new Plane2D(result.Data, result.Rows, result.Columns), context);
        Write(output, extension, result, normalization, settings);
        if (!settings.Stats) return 0;
        PrintStats(result, prepared.Algorithm.Name, prepared.Problem.ToString());

        // The float correlation of the same data, same geometry, zero border: what the approximation is measured against.
        var exact = new float[result.Data.Length];
        Conv2D.Apply(input.AsPlane(), kernel.AsPlane(), new Plane2D(exact, result.Rows, result.Columns), g.ToOptions() with { MaxDegreeOfParallelism = context.MaxDegreeOfParallelism });
        double difference = 0, norm = 0;
        for (int i = 0; i < exact.Length; i++)
        {
            difference += Math.Pow((double)result.Data[i] - exact[i], 2);
            norm += Math.Pow(exact[i], 2);
        }

        environment.Console.WriteLine($"vs float   {(norm > 0 ? Math.Sqrt(difference / norm) : double.NaN).ToString("G4", CultureInfo.InvariantCulture)} relative error (‖binary − float‖ ÷ ‖float‖)");
        return 0;
    }

    private static void Write(string output, string extension, Matrix result, Normalization normalization, ConvolveSettings settings) => AtomicFile.Write(output, stream =>
    {
        if (extension == ".npy") NpyWriter.Write(stream, result);
        else PngOutput.Write(stream, result, normalization, settings.Depth, settings.Colormap);
    });

    private void PrintStats(Matrix result, string algorithm, string problem)
    {
        var finite = result.Data.Where(float.IsFinite).ToArray();
        string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        environment.Console.WriteLine($"shape      {result.Rows} x {result.Columns}");
        environment.Console.WriteLine($"min        {(finite.Length > 0 ? Format(finite.Min()) : "nan")}");
        environment.Console.WriteLine($"max        {(finite.Length > 0 ? Format(finite.Max()) : "nan")}");
        environment.Console.WriteLine($"mean       {(finite.Length > 0 ? Format(finite.Average(v => (double)v)) : "nan")}");
        environment.Console.WriteLine($"algorithm  {algorithm}");
        environment.Console.WriteLine($"problem    {problem}");
    }
}
