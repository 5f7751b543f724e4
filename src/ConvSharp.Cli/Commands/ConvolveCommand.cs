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
        var options = settings.ToOptions();
        var kernel = KernelParser.Parse(settings.Kernel!);
        var input = InputFile.Read(settings.Input);

        var plan = Conv2D.Plan(input.Rows, input.Columns, kernel.Rows, kernel.Columns, options);
        var result = new Matrix(plan.Problem.OutputHeight, plan.Problem.OutputWidth, new float[(long)plan.Problem.OutputHeight * plan.Problem.OutputWidth]);
        plan.Execute(input.AsPlane(), kernel.AsPlane(), new Plane2D(result.Data, result.Rows, result.Columns), new ExecutionContext { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism });

        AtomicFile.Write(output, stream =>
        {
            if (extension == ".npy") NpyWriter.Write(stream, result);
            else PngOutput.Write(stream, result, normalization, settings.Depth, settings.Colormap);
        });

        if (settings.Stats)
        {
            var finite = result.Data.Where(float.IsFinite).ToArray();
            string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
            environment.Console.WriteLine($"shape      {result.Rows} x {result.Columns}");
            environment.Console.WriteLine($"min        {(finite.Length > 0 ? Format(finite.Min()) : "nan")}");
            environment.Console.WriteLine($"max        {(finite.Length > 0 ? Format(finite.Max()) : "nan")}");
            environment.Console.WriteLine($"mean       {(finite.Length > 0 ? Format(finite.Average(v => (double)v)) : "nan")}");
            environment.Console.WriteLine($"algorithm  {plan.Algorithm.Name}");
            environment.Console.WriteLine($"problem    {plan.Problem}");
        }

        return 0;
    }
}
