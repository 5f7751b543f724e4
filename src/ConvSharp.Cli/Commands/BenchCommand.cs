using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ConvSharp.Cli.Bench;
using ConvSharp.Cli.IO;
using ConvSharp.Peers;
using ConvSharp.Peers.Python;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary>
/// <c>convsharp bench</c>: the notebook's whole comparison in one run. Every registered algorithm that supports the
/// problem, Auto, and OpenCV run on the same data; each is verified against Reference and timed (one warm-up, then
/// repetitions for at least 0.3 s and 5 runs, in <c>--rounds</c> rounds that take a case's rows in turn); the result is
/// a table, and optionally JSON, CSV, Markdown and a chart.
/// </summary>
public sealed class BenchCommand(CliEnvironment environment) : Command<BenchSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (string? path in new[] { settings.Json, settings.Csv, settings.Markdown, settings.Chart })
        {
            if (path is not null) AtomicFile.RequireFolder(path);
        }

        var options = settings.ToOptions();
        if (settings.Suite.Equals("gemm", StringComparison.OrdinalIgnoreCase)) return RunGemmSuite(settings, options.MaxDegreeOfParallelism);
        if (settings.Suite.Equals("layers", StringComparison.OrdinalIgnoreCase)) return RunLayerSuite(settings, options.MaxDegreeOfParallelism);
        if (settings.Suite.Equals("binary", StringComparison.OrdinalIgnoreCase)) return RunBinarySuite(settings, options.MaxDegreeOfParallelism);
        var image = settings.Image is null ? null : InputFile.Read(settings.Image);
        var cases = BenchSuites.Build(settings.Suite.ToLowerInvariant(), image, settings.ImageSize, settings.Kernel, options);
        var selected = SelectAlgorithms(settings.Algorithms);
        var peers = settings.NoPeers ? [] : AvailablePeers();
        var python = settings.NoPeers || settings.NoPythonPeers ? null : FindPython(settings.Python);

        var rows = new List<BenchRow>();
        var notes = new List<string>();
        environment.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                foreach (var benchCase in cases)
                {
                    // One output buffer per problem for every row, so no row pays for fresh pages; reset to NaN before
                    // each row, so a row that skipped samples fails verification instead of inheriting them.
                    var output = new float[(long)benchCase.Problem.OutputHeight * benchCase.Problem.OutputWidth];
                    var reference = Step(progress, $"{benchCase.Name}: Reference (for verification)", () => ReferenceResult.Compute(benchCase.Problem, benchCase.Input, benchCase.Kernel));
                    var timed = new List<TimedRow>();
                    try
                    {
                        foreach (string name in selected)
                        {
                            // The algorithm that runs: Auto's choice depends on the kernel's values (Separable), so prepare to find it.
                            var problemOptions = benchCase.Problem.ToOptions() with { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
                            var auto = Conv2D.Plan(benchCase.Problem.InputHeight, benchCase.Problem.InputWidth, benchCase.Problem.KernelHeight, benchCase.Problem.KernelWidth, problemOptions);
                            if (name != "Auto" && !auto.Candidates.Any(c => c.Supported && c.Algorithm.Name == name)) continue;
                            var plan = name == "Auto" ? auto : Conv2D.Plan(benchCase.Problem.InputHeight, benchCase.Problem.InputWidth, benchCase.Problem.KernelHeight, benchCase.Problem.KernelWidth, problemOptions with { Algorithm = name });
                            if (!plan.TryPrepare(benchCase.Kernel.AsPlane(), out var prepared, out _)) continue;
                            string label = name == "Auto" ? $"Auto ({prepared.Algorithm.Name})" : name;
                            timed.Add(AlgorithmRow(benchCase, name, label, prepared, reference, options, output));
                        }

                        foreach (var peer in peers)
                        {
                            if (!peer.Supports(benchCase.Problem, out _) || !peer.AcceptsKernel(benchCase.Problem, benchCase.Kernel.Data, out _)) continue;
                            timed.Add(PeerRow(benchCase, peer, reference, options.MaxDegreeOfParallelism));
                        }

                        rows.AddRange(TimeRows(progress, benchCase, timed, settings));
                    }
                    finally
                    {
                        foreach (var row in timed) row.Owner.Dispose();
                    }

                    if (python is null) continue;
                    var pythonRows = Step(progress, $"{benchCase.Name}: the notebook's Python methods", () => python.Convolve(benchCase.Name, benchCase.Problem, benchCase.Input.Data, benchCase.Kernel.Data, options.MaxDegreeOfParallelism, settings.MaxSeconds));
                    foreach (var peer in pythonRows)
                    {
                        if (!peer.Available)
                        {
                            notes.Add($"{benchCase.Name}: {peer.Method}: not run: {peer.Why}");
                            continue;
                        }

                        rows.Add(new BenchRow(benchCase, peer.Method, true, "cpu", new Timing(peer.MedianMs, peer.MinMs, peer.MaxMs, peer.Runs), reference.Check(peer.Output!, PythonTolerance(reference, benchCase, peer)), "python"));
                    }
                }
            });

        var report = new BenchReport(settings.Suite.ToLowerInvariant(), MachineInfo.Current, rows);
        PrintTable(report, cases);
        PrintNotes(settings, cases);
        foreach (string note in notes) environment.Console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
        if (settings.Json is not null) AtomicFile.Write(settings.Json, s => s.Write(Encoding.UTF8.GetBytes(report.ToJson())));
        if (settings.Csv is not null) AtomicFile.Write(settings.Csv, s => s.Write(Encoding.UTF8.GetBytes(report.ToCsv())));
        if (settings.Markdown is not null) AtomicFile.Write(settings.Markdown, s => s.Write(Encoding.UTF8.GetBytes(report.ToMarkdown())));
        if (settings.Chart is not null) AtomicFile.Write(settings.Chart, s => BenchChart.Write(s, report));

        if (report.AllVerified) return 0;
        environment.Error.WriteLine("convsharp: verification failed for " + string.Join(", ", rows.Where(r => !r.Verification.Verified).Select(r => $"{r.Algorithm} on {r.Case.Problem}")));
        return ConvSharpApp.Failure;
    }

    /// <summary>
    /// <c>--suite gemm</c>: our SGEMM on each product, and numpy's matmul in a Python process on the same operands when a
    /// Python with numpy is found; every row verified at sampled entries.
    /// </summary>
    private int RunGemmSuite(BenchSettings settings, int threads)
    {
        var rows = RunSuiteCases(GemmBenchCase.Suite, settings, "gemm multiplies fixed matrices", "Gemm.Sgemm", "numpy matmul (python)", " (python)", benchCase =>
        {
            var (a, b) = GemmBench.Operands(benchCase);
            return new SuiteCaseRun(
                () => [GemmBench.RunOurs(benchCase, a, b, threads, settings.MaxSeconds)],
                python => python.Gemm(benchCase.Name, benchCase.M, benchCase.N, benchCase.K, a, b, threads, settings.MaxSeconds),
                output => GemmBench.Verify(benchCase, a, b, output));
        });
        return ReportSuite("gemm", "SGEMM: C = A·B, row-major float32", "numpy", rows, settings);
    }

    /// <summary>
    /// <c>--suite layers</c>: the Conv2D layer (Auto) on each case, NCHW and, where Auto's algorithm runs it natively,
    /// channels-last; and torch's conv2d in NCHW and channels_last in a Python process on the same tensors; every row
    /// verified at sampled outputs against the double-precision reference.
    /// </summary>
    private int RunLayerSuite(BenchSettings settings, int threads)
    {
        var rows = RunSuiteCases(LayerBenchCase.Suite, settings, "layers runs fixed layer shapes", "Conv2DLayer", "torch conv2d (python)", "", benchCase =>
        {
            var (input, weights) = LayerBench.Operands(benchCase);
            return new SuiteCaseRun(
                () => LayerBench.RunOursInEachLayout(benchCase, input, weights, threads, settings.MaxSeconds),
                python => python.Layer(benchCase.Name, benchCase.Problem, input, weights, threads, settings.MaxSeconds),
                output => LayerBench.Verify(benchCase, input, weights, output));
        });
        return ReportSuite("layers", "Conv2D layer, float32, 2·N·O·(C/g)·kh·kw·H'·W' flops", "torch", rows, settings);
    }

    /// <summary>
    /// <c>--suite binary</c>: XNOR-Net on the notebook's problem (1024², 3×3, its minus-one padding, uniform data in
    /// [−1, 1)): each binary algorithm, the float convolution of the same data, and the notebook's numpy pipeline in a
    /// Python process; the binary rows verified against the binary reference.
    /// </summary>
    private int RunBinarySuite(BenchSettings settings, int threads)
    {
        var rows = RunSuiteCases(BinaryBenchCase.Suite, settings, "binary runs the notebook's fixed problem", "xnor", "xnor numpy pipeline (python)", "", benchCase =>
        {
            var (input, kernel) = BinaryBench.Operands(benchCase);
            return new SuiteCaseRun(
                () => BinaryBench.RunOurs(benchCase, input, kernel, threads, settings.MaxSeconds),
                python => python.Xnor(benchCase.Name, benchCase.Problem, input, kernel, threads, settings.MaxSeconds),
                output => BinaryBench.Verify(benchCase, input, kernel, output));
        });
        // The layer cases: the binary layer and our float layer, and torch's float conv2d as the peer.
        rows.AddRange(RunSuiteCases(BinaryBench.LayerCases, settings, "binary runs the notebook's fixed problem", "xnor layer", "torch conv2d (python)", "", benchCase =>
        {
            var (input, weights) = LayerBench.Operands(benchCase, symmetric: true);
            return new SuiteCaseRun(
                () => BinaryBench.RunLayer(benchCase, input, weights, threads, settings.MaxSeconds),
                python => python.Layer(benchCase.Name, benchCase.Problem, input, weights, threads, settings.MaxSeconds),
                output => LayerBench.Verify(benchCase, input, weights, output));
        }));

        return ReportSuite("binary", "XNOR-Net binary convolution, float32 in and out; GOP/s counts 2·kh·kw per output (2·C·kh·kw for layers)", "peer", rows, settings, "GOP/s");
    }

    /// <summary>How one case of a <see cref="SuiteRow"/> suite runs: our row, the Python peers' rows, and the check of a peer's output.</summary>
    private sealed record SuiteCaseRun(Func<IReadOnlyList<SuiteRow>> Ours, Func<PythonPeerRunner, IReadOnlyList<PythonPeerRow>> Peers, Func<float[], (double MaxRelativeError, bool Verified)> Verify);

    /// <summary>
    /// Runs every case of a suite whose problems are fixed (no image or kernel options): our row, then, when a Python
    /// with numpy is found, each Python peer's row (named with <paramref name="peerSuffix"/>) verified by the case's own
    /// check, or one line saying why it did not run.
    /// </summary>
    private List<SuiteRow> RunSuiteCases<TCase>(IEnumerable<TCase> cases, BenchSettings settings, string fixedWhat, string oursLabel, string peersLabel, string peerSuffix, Func<TCase, SuiteCaseRun> prepare)
        where TCase : ISuiteCase
    {
        if (settings.Image is not null || settings.Kernel is not null || settings.ImageSize is not null)
            throw new CliException($"--suite {fixedWhat}; --image, --kernel and --image-size do not apply");
        var python = settings.NoPythonPeers ? null : FindPython(settings.Python);
        var rows = new List<SuiteRow>();
        environment.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                foreach (var benchCase in cases)
                {
                    // With --rounds, our row and the Python peers alternate, so both sample the same stretch of the machine.
                    var run = prepare(benchCase);
                    var ours = new List<IReadOnlyList<SuiteRow>>();
                    var theirs = new List<IReadOnlyList<SuiteRow>>();
                    for (int round = 0; round < settings.Rounds; round++)
                    {
                        string suffix = settings.Rounds > 1 ? $" (round {round + 1}/{settings.Rounds})" : "";
                        ours.Add(Step(progress, $"{benchCase.Name}: {oursLabel}{suffix}", run.Ours));
                        if (python is null) continue;
                        var peerRows = new List<SuiteRow>();
                        foreach (var peer in Step(progress, $"{benchCase.Name}: {peersLabel}{suffix}", () => run.Peers(python)))
                        {
                            if (!peer.Available)
                            {
                                if (round == 0) environment.Console.MarkupLine($"[yellow]{Markup.Escape(benchCase.Name)}: {Markup.Escape(peer.Method)}: not run: {Markup.Escape(peer.Why)}[/]");
                                continue;
                            }

                            var (error, verified) = run.Verify(peer.Output!);
                            peerRows.Add(new SuiteRow(benchCase, peer.Method + peerSuffix, true, "python", new Timing(peer.MedianMs, peer.MinMs, peer.MaxMs, peer.Runs), error, verified));
                        }

                        theirs.Add(peerRows);
                    }

                    rows.AddRange(SuiteRounds.Merge(ours));
                    rows.AddRange(SuiteRounds.Merge(theirs));
                }
            });
        return rows;
    }

    /// <summary>Prints a <see cref="SuiteRow"/> suite's table (ours ÷ the fastest peer of each case, by GFLOP/s), writes its JSON, and returns the exit code.</summary>
    private int ReportSuite(string suite, string title, string peerName, List<SuiteRow> rows, BenchSettings settings, string rate = "GFLOP/s")
    {
        var table = new Table().Title(title);
        foreach (string column in new[] { "case", "algorithm", "median ms", "min", "max", rate, "GB/s", $"vs {peerName}", "max rel. error", "verified" })
            table.AddColumn(new TableColumn(column) { Alignment = column is "case" or "algorithm" or "verified" ? Justify.Left : Justify.Right });
        foreach (var row in rows)
        {
            var peer = rows.Where(r => ReferenceEquals(r.Case, row.Case) && r.IsPeer).MaxBy(r => r.GigaflopsPerSecond);
            table.AddRow(
                Markup.Escape(row.Case.Name), row.IsPeer ? $"[darkorange]{Markup.Escape(row.Algorithm)}[/]" : Markup.Escape(row.Algorithm),
                GemmBench.Format(row.Timing.MedianMs), GemmBench.Format(row.Timing.MinMs), GemmBench.Format(row.Timing.MaxMs),
                row.GigaflopsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                row.GigabytesPerSecond is { } bandwidth ? bandwidth.ToString("F1", CultureInfo.InvariantCulture) : "",
                peer is null ? "—" : (row.GigaflopsPerSecond / peer.GigaflopsPerSecond).ToString("F2", CultureInfo.InvariantCulture) + "×",
                row.MaxRelativeError.ToString("E1", CultureInfo.InvariantCulture),
                row.Verified ? "[green]yes[/]" : "[red bold]NO[/]");
        }

        environment.Console.Write(table);
        var machine = MachineInfo.Current;
        environment.Console.WriteLine($"machine: {machine.Cpu}, {machine.Cores} cores, {string.Join("/", machine.Simd)}, {machine.DotNet}; vs {peerName} is the {rate} ratio to its fastest row (> 1 is faster).");
        if (settings.Json is not null) AtomicFile.Write(settings.Json, s => s.Write(Encoding.UTF8.GetBytes(SuiteJson.ToJson(suite, machine, rows))));
        if (settings.Csv is not null || settings.Markdown is not null || settings.Chart is not null)
            environment.Console.MarkupLine($"[yellow]--suite {suite} writes --json only; --csv, --markdown and --chart are ignored[/]");
        if (rows.TrueForAll(r => r.Verified)) return 0;
        environment.Error.WriteLine("convsharp: verification failed for " + string.Join(", ", rows.Where(r => !r.Verified).Select(r => $"{r.Algorithm} on {r.Case.Name}")));
        return ConvSharpApp.Failure;
    }

    /// <summary>The Python runner, or null after one line saying why there are no Python rows and how to get them.</summary>
    private PythonPeerRunner? FindPython(string? explicitPath)
    {
        string? interpreter = PythonLocator.Find(explicitPath, out string why);
        if (interpreter is not null) return new PythonPeerRunner(interpreter);
        environment.Console.MarkupLine($"[yellow]Python peers: not run: {Markup.Escape(why)}[/]");
        return null;
    }

    /// <summary>
    /// A direct Python method is held to the exact algorithms' bound, as OpenCV is. scipy's FFT methods round in float32
    /// through a transform of the padded plane: their bound is 2⁻²³·(4·log₂(cells) + taps + 1)·Σ|k|·max(|x|, |fill|) ×
    /// the √cells growth of an FFT's error norm spread over one sample, taken here as (log₂ cells)², measured with room.
    /// </summary>
    private static double PythonTolerance(ReferenceResult reference, BenchCase benchCase, PythonPeerRow peer)
    {
        if (!peer.ViaFft) return reference.Tolerance;
        double cells = (double)(benchCase.Problem.InputHeight + benchCase.Problem.KernelHeight) * (benchCase.Problem.InputWidth + benchCase.Problem.KernelWidth);
        double log = Math.Log2(cells);
        double sumAbs = 0;
        foreach (float t in benchCase.Kernel.Data) sumAbs += Math.Abs(t);
        return Math.Max(reference.Tolerance, Math.Pow(2, -23) * log * log * sumAbs * Math.Max(reference.MaxAbsInput, Math.Abs((double)benchCase.Problem.Border.Value)));
    }

    private static T Step<T>(ProgressContext progress, string description, Func<T> work)
    {
        var task = progress.AddTask(Markup.Escape(description), maxValue: 1);
        var result = work();
        task.Increment(1);
        return result;
    }

    /// <param name="benchCase">The case.</param>
    /// <param name="name">The algorithm asked for ("Auto" or a name); the timed call is the one-shot <c>Conv2D.Apply</c> with it.</param>
    /// <param name="label">The row's name.</param>
    /// <param name="prepared">The same algorithm prepared for the case's kernel: the row is held to its error bound.</param>
    /// <param name="reference">Reference's output.</param>
    /// <param name="options">Threads.</param>
    /// <param name="maxSeconds">Timing budget.</param>
    /// <param name="output">The shared output buffer.</param>
    /// <summary>
    /// Our algorithm's row of a case, run once into <paramref name="output"/> (reset to NaN first, so a row that skips
    /// samples fails) and verified; each row is held to its own preparation's bound (Separable's factors round, the exact
    /// algorithms' taps do not). <paramref name="prepared"/> stays alive with the row.
    /// </summary>
    private static TimedRow AlgorithmRow(BenchCase benchCase, string name, string label, PreparedConvolution prepared, ReferenceResult reference, Conv2DOptions options, float[] output)
    {
        var problem = benchCase.Problem;
        var runOptions = problem.ToOptions() with { Algorithm = name, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        void Run() => Conv2D.Apply(benchCase.Input.AsPlane(), benchCase.Kernel.AsPlane(), new Plane2D(output, problem.OutputHeight, problem.OutputWidth), runOptions);
        try
        {
            Array.Fill(output, float.NaN);
            Run();
            double tolerance = Math.Max(reference.Tolerance, prepared.ErrorBound(reference.MaxAbsInput));
            return new TimedRow(label, false, Run, reference.Check(output, tolerance), prepared);
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <summary>An in-process peer's row of a case, run once and verified; its prepared state stays alive with the row.</summary>
    private static TimedRow PeerRow(BenchCase benchCase, ConvolutionPeer peer, ReferenceResult reference, int threads)
    {
        var prepared = peer.Prepare(benchCase.Problem, benchCase.Input.Data, benchCase.Kernel.Data, threads);
        try
        {
            prepared.Run();
            return new TimedRow(peer.Name, true, prepared.Run, reference.Check(prepared.Result()), prepared);
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Times a case's in-process rows in <see cref="BenchSettings.Rounds"/> rounds, every row once per round in turn, and
    /// merges each row's runs: with several rounds, two rows' ratio compares the same stretches of a noisy machine rather
    /// than two moments. A row whose single warm-up run exceeded <c>--max-seconds</c> is not timed again.
    /// </summary>
    private static List<BenchRow> TimeRows(ProgressContext progress, BenchCase benchCase, List<TimedRow> timed, BenchSettings settings)
    {
        string Suffix(int round) => settings.Rounds > 1 ? $" (round {round + 1}/{settings.Rounds})" : "";
        var timings = Timing.Rounds(timed.Select(row => row.Run).ToList(), settings.Rounds, settings.MaxSeconds,
            (round, i, time) => Step(progress, $"{benchCase.Name}: {timed[i].Label}{Suffix(round)}", time));
        return timed.Select((row, i) => new BenchRow(benchCase, row.Label, row.IsPeer, "cpu", timings[i], row.Verification)).ToList();
    }

    private static List<string> SelectAlgorithms(string? list)
    {
        var all = Conv2D.Algorithms.Select(a => a.Name).Append("Auto").ToList();
        if (list is null) return all;
        var chosen = new List<string>();
        foreach (string item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            chosen.Add(ProblemSettings.ParseAlgorithm(item));
        return chosen.Distinct().ToList();
    }

    private List<ConvolutionPeer> AvailablePeers()
    {
        var peers = new List<ConvolutionPeer>();
        foreach (var peer in PeerCatalog.All)
        {
            if (peer.IsAvailable(out string why)) peers.Add(peer);
            else environment.Console.MarkupLine($"[yellow]{Markup.Escape(why)}[/]");
        }

        return peers;
    }

    private void PrintTable(BenchReport report, IReadOnlyList<BenchCase> cases)
    {
        foreach (var benchCase in cases)
        {
            var table = new Table().Title(Markup.Escape(benchCase.Title));
            foreach (string column in new[] { "algorithm", "median ms", "min", "max", "vs Naive", "vs OpenCV", "GFLOP/s", "GB/s", "max error abs / rel", "verified" })
                table.AddColumn(new TableColumn(column) { Alignment = column is "algorithm" or "verified" ? Justify.Left : Justify.Right });
            foreach (var row in report.Rows.Where(r => ReferenceEquals(r.Case, benchCase)))
            {
                string verified = row.Verification.Verified ? "[green]yes[/]" : "[red bold]NO[/]";
                string name = row.IsPeer ? $"[darkorange]{Markup.Escape(row.Algorithm)}[/]" : Markup.Escape(row.Algorithm);
                table.AddRow(
                    row.Verification.Verified ? name : $"[red]{Markup.Escape(row.Algorithm)}[/]",
                    BenchReport.Ms(row.Timing.MedianMs), BenchReport.Ms(row.Timing.MinMs), BenchReport.Ms(row.Timing.MaxMs),
                    BenchReport.Times(report.SpeedupVsNaive(row)), BenchReport.Times(report.RatioVsOpenCv(row)),
                    row.GigaflopsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                    row.EffectiveGigabytesPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                    BenchReport.Errors(row.Verification),
                    verified);
            }

            environment.Console.Write(table);
        }
    }

    private void PrintNotes(BenchSettings settings, IReadOnlyList<BenchCase> cases)
    {
        var machine = MachineInfo.Current;
        environment.Console.WriteLine($"machine: {machine.Cpu}, {machine.Cores} cores, {string.Join("/", machine.Simd)}, {machine.DotNet}");
        string rounds = settings.Rounds > 1 ? $" in each of {settings.Rounds} rounds, the rows of a case in turn, runs merged" : "";
        environment.Console.WriteLine($"timing: a warm-up (one run, repeated for 0.1 s so the JIT settles), then at least 0.3 s and 5 runs per row{rounds}; median, min, max in ms. vs OpenCV < 1 is faster than OpenCV.");
        if (cases.Any(c => c.Problem.MultiplyAdds > ReferenceResult.FullReferenceLimit))
            environment.Console.WriteLine($"verification: large problems are checked at {ReferenceResult.SampleCount} output samples (corners, edges, seeded random) against the exact Reference.");
        if (!settings.NoPeers) environment.Console.WriteLine(PeerCatalog.ImageSharpNote + ".");
    }
}
