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
/// <c>convsharp profile</c>: where one call's time goes, stage by stage, as the algorithm itself reports it through a
/// <see cref="StageProfiler"/> (Separable: factor, row-pass, column-pass; single-pass algorithms: one stage named after
/// them). The whole call (prepare and execute) is also timed from outside as <c>total</c>, so the stages can be checked
/// against it.
/// </summary>
public sealed class ProfileCommand(CliEnvironment environment) : Command<ProfileSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, ProfileSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Json is not null) AtomicFile.RequireFolder(settings.Json);
        if (BinaryOptions.IsBinaryAlgorithm(settings.Algorithm)) return ProfileBinary(settings);
        BinaryOptions.RequireDefaultPadding(settings.BinaryPadding, "to the binary algorithms (xnor-seed, xnor-bitsliced)");
        var options = settings.ToOptions();
        var input = settings.Image is null ? BuiltInImage.Create(settings.ImageSize) : InputFile.Read(settings.Image);
        var kernel = KernelParser.Parse(settings.Kernel);

        var plan = Conv2D.Plan(input.Rows, input.Columns, kernel.Rows, kernel.Columns, options);
        var problem = plan.Problem;
        var output = new float[(long)problem.OutputHeight * problem.OutputWidth];
        var profiler = new StageProfiler();
        var execution = new ExecutionContext { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, Profiler = profiler };
        var outputPlane = () => new Plane2D(output, problem.OutputHeight, problem.OutputWidth);
        Conv2DAlgorithm? algorithm = null;
        void Call()
        {
            using var prepared = plan.Prepare(kernel.AsPlane(), profiler);
            algorithm = prepared.Algorithm;
            prepared.Execute(input.AsPlane(), outputPlane(), execution);
        }

        // The stages are the medians' worth: each timed run records into a fresh profiler, and the stage times of the
        // run whose total is the median are the ones shown.
        var (median, runCount) = MeasureStages(profiler, Call);
        var reference = ReferenceResult.Compute(problem, input, kernel);
        double bound;
        using (var prepared = plan.Prepare(kernel.AsPlane())) bound = Math.Max(reference.Tolerance, prepared.ErrorBound(reference.MaxAbsInput));
        var verification = reference.Check(output, bound);

        string name = algorithm!.Name;
        string why = ReferenceEquals(algorithm, plan.Algorithm) ? plan.Reason : $"{plan.Algorithm.Name} declined this kernel's values, so {name} runs";
        Report(settings, name, problem.ToString(), median, runCount, why, verification.Verified, verification.MaxAbsError);
        return verification.Verified ? 0 : ConvSharpApp.Failure;
    }

    /// <summary>
    /// <c>--algorithm xnor-seed</c> or <c>xnor-bitsliced</c>: XNOR-Net's stages on the notebook's data (seeded uniform
    /// values in [−1, 1) of the built-in size, or <c>--image</c>), verified against the binary reference: counts exactly,
    /// outputs within (kh·kw + 5)·2⁻²³ of it.
    /// </summary>
    private int ProfileBinary(ProfileSettings settings)
    {
        var options = BinaryOptions.Parse(settings, settings.BinaryPadding, settings.Algorithm);
        var kernel = KernelParser.Parse(settings.Kernel);
        var input = settings.Image is null ? NotebookData(settings.ImageSize) : InputFile.Read(settings.Image);
        var prepared = ConvSharp.Binary.BinaryConv2D.Prepare(input.Rows, input.Columns, kernel.AsPlane(), options);
        var g = prepared.Problem.Geometry;
        var output = new float[(long)g.OutputHeight * g.OutputWidth];
        var profiler = new StageProfiler();
        var execution = new ExecutionContext { MaxDegreeOfParallelism = ProblemSettings.ParseThreads(settings.Threads), Profiler = profiler };
        var (median, runCount) = MeasureStages(profiler, () => prepared.Execute(input.AsPlane(), new Plane2D(output, g.OutputHeight, g.OutputWidth), execution));

        // Counts exactly the reference's, outputs within its bound.
        int[] counts = new int[output.Length], expectedCounts = new int[output.Length];
        prepared.ComputeCounts(input.AsPlane(), counts);
        BinaryBench.Reference(prepared.Problem, kernel.Data).ComputeCounts(input.AsPlane(), expectedCounts);
        var (_, worst, withinBound) = BinaryBench.Check(prepared.Problem, input.Data, kernel.Data, output);
        bool verified = withinBound && counts.AsSpan().SequenceEqual(expectedCounts);

        Report(settings, prepared.Algorithm.Name, prepared.Problem.ToString(), median, runCount, $"named: {prepared.Algorithm.Description}", verified, worst);
        if (prepared.Algorithm.Name == "xnor-seed") ReportWindowMeans(input, prepared.Problem, execution with { Profiler = null });
        return verified ? 0 : ConvSharpApp.Failure;
    }

    /// <summary>
    /// Times <paramref name="call"/> as bench times a row, each run recording into a fresh <paramref name="profiler"/>;
    /// returns the run whose total is the median (its stages are the ones shown) and the number of runs.
    /// </summary>
    private static ((double Total, IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages) Median, int Runs) MeasureStages(StageProfiler profiler, Action call)
    {
        var runs = new List<(double Total, IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages)>();
        Timing.Measure(() =>
        {
            profiler.Reset();
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            call();
            runs.Add((System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds, profiler.Stages));
        });
        return (runs.OrderBy(r => r.Total).ElementAt(runs.Count / 2), runs.Count);
    }

    /// <summary>The notebook's comparison of its three ways of computing K, each timed as a row is (the pipeline's k-alpha uses the vectorised one).</summary>
    private void ReportWindowMeans(Matrix input, ConvSharp.Binary.BinaryConv2DProblem problem, ExecutionContext context)
    {
        var g = problem.Geometry;
        var k = new float[(long)g.OutputHeight * g.OutputWidth];
        var parts = new List<string>();
        foreach (var form in Enum.GetValues<ConvSharp.Binary.WindowMeanForm>())
        {
            var timing = Timing.Measure(() => ConvSharp.Binary.BinaryConv2D.WindowMeans(input.AsPlane(), problem, form, k, context));
            parts.Add($"{form} {BenchReport.Ms(timing.MedianMs)} ms");
        }

        environment.Console.WriteLine($"K three ways (median): {string.Join(", ", parts)}");
    }

    /// <summary>The notebook's input: seeded uniform values in [−1, 1), <paramref name="size"/> square.</summary>
    private static Matrix NotebookData(int size)
    {
        var random = new Random(2026);
        var data = new float[(long)size * size];
        for (long i = 0; i < data.Length; i++) data[i] = (float)((random.NextDouble() * 2) - 1);
        return new Matrix(size, size, data);
    }

    /// <summary>Prints the stage table of the median run and writes the JSON.</summary>
    private void Report(ProfileSettings settings, string name, string problem, (double Total, IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages) median, int runs, string why, bool verified, double maxError)
    {
        double total = median.Total;
        var table = new Table().Title(Markup.Escape($"{name} on {problem}"))
            .AddColumn("stage").AddColumn(new TableColumn("ms") { Alignment = Justify.Right }).AddColumn(new TableColumn("share") { Alignment = Justify.Right });
        foreach (var (stage, elapsed) in median.Stages)
            table.AddRow(Markup.Escape(stage), BenchReport.Ms(elapsed.TotalMilliseconds), (elapsed.TotalMilliseconds / total).ToString("P1", CultureInfo.InvariantCulture));
        double staged = median.Stages.Sum(s => s.Elapsed.TotalMilliseconds);
        table.AddRow("[dim]outside the stages[/]", $"[dim]{BenchReport.Ms(Math.Max(0, total - staged))}[/]", $"[dim]{(Math.Max(0, total - staged) / total).ToString("P1", CultureInfo.InvariantCulture)}[/]");
        table.AddRow("[bold]total (timed from outside)[/]", $"[bold]{BenchReport.Ms(total)}[/]", "100.0 %");
        environment.Console.Write(table);
        environment.Console.WriteLine($"why: {why}");
        environment.Console.WriteLine($"runs: {runs}; the stages shown are those of the run with the median total");
        environment.Console.WriteLine($"verified against Reference: {(verified ? "yes" : "NO")} (max error {maxError.ToString("G3", CultureInfo.InvariantCulture)})");
        if (settings.Json is null) return;
        AtomicFile.Write(settings.Json, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("problem", problem);
            json.WriteString("algorithm", name);
            json.WriteBoolean("verified", verified);
            json.WriteNumber("total_ms", Math.Round(total, 6));
            json.WriteStartArray("stages");
            foreach (var (stage, elapsed) in median.Stages)
            {
                json.WriteStartObject();
                json.WriteString("name", stage);
                json.WriteNumber("median_ms", Math.Round(elapsed.TotalMilliseconds, 6));
                json.WriteNumber("share", Math.Round(elapsed.TotalMilliseconds / total, 6));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
