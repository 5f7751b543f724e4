using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using ConvSharp.Cli.Bench;
using ConvSharp.Cli.IO;
using ConvSharp.Cli.Kernels;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary>
/// <c>convsharp profile</c>: where one call's time goes, stage by stage, like the notebook's stage list. Today's
/// algorithms are single-pass, so the stages are planning (validation and choice) and the pass itself; multi-stage
/// algorithms (im2col + GEMM + col2im, the XNOR pipeline) add their own stages when they land.
/// </summary>
public sealed class ProfileCommand(CliEnvironment environment) : Command<ProfileSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, ProfileSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Json is not null) AtomicFile.RequireFolder(settings.Json);
        var options = settings.ToOptions();
        var input = settings.Image is null ? BuiltInImage.Create(settings.InputSize) : InputFile.Read(settings.Image);
        var kernel = KernelParser.Parse(settings.Kernel);

        var plan = Conv2D.Plan(input.Rows, input.Columns, kernel.Rows, kernel.Columns, options);
        var problem = plan.Problem;
        var output = new float[(long)problem.OutputHeight * problem.OutputWidth];
        var stages = new List<(string Name, Timing Timing)>
        {
            ("validate + plan", Timing.Measure(() => Conv2D.Plan(input.Rows, input.Columns, kernel.Rows, kernel.Columns, options))),
            ($"{plan.Algorithm.Name.ToLowerInvariant()} pass", Timing.Measure(() => plan.Execute(input.AsPlane(), kernel.AsPlane(), new Plane2D(output, problem.OutputHeight, problem.OutputWidth), options.MaxDegreeOfParallelism))),
        };
        var verification = ReferenceResult.Compute(problem, input, kernel).Check(output);

        double total = stages.Sum(s => s.Timing.MedianMs);
        var table = new Table().Title(Markup.Escape($"{plan.Algorithm.Name} on {problem}"))
            .AddColumn("stage").AddColumn(new TableColumn("median ms") { Alignment = Justify.Right }).AddColumn(new TableColumn("share") { Alignment = Justify.Right });
        foreach (var (name, timing) in stages)
            table.AddRow(Markup.Escape(name), BenchReport.Ms(timing.MedianMs), (timing.MedianMs / total).ToString("P1", CultureInfo.InvariantCulture));
        table.AddRow("[bold]total[/]", $"[bold]{BenchReport.Ms(total)}[/]", "100.0 %");
        environment.Console.Write(table);
        environment.Console.WriteLine($"why: {plan.Reason}");
        environment.Console.WriteLine($"verified against Reference: {(verification.Verified ? "yes" : "NO")} (max error {verification.MaxAbsError.ToString("G3", CultureInfo.InvariantCulture)})");
        environment.Console.WriteLine($"{plan.Algorithm.Name} is a single pass; per-stage breakdowns (im2col, GEMM, col2im; binarize, pack, XNOR, popcount, scale) come with the multi-stage algorithms.");

        if (settings.Json is not null)
        {
            AtomicFile.Write(settings.Json, stream =>
            {
                using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                json.WriteStartObject();
                json.WriteString("problem", problem.ToString());
                json.WriteString("algorithm", plan.Algorithm.Name);
                json.WriteBoolean("verified", verification.Verified);
                json.WriteStartArray("stages");
                foreach (var (name, timing) in stages)
                {
                    json.WriteStartObject();
                    json.WriteString("name", name);
                    json.WriteNumber("median_ms", Math.Round(timing.MedianMs, 6));
                    json.WriteNumber("share", Math.Round(timing.MedianMs / total, 6));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            });
        }

        return verification.Verified ? 0 : ConvSharpApp.Failure;
    }
}
