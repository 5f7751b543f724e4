using System;
using System.Threading.Tasks;

namespace ConvSharp.Execution;

/// <summary>
/// Splits output rows into bands and runs a struct <see cref="IRowBandOperation"/> over them on the <see cref="BandTeam"/>
/// (or the thread pool when the team is busy). Each band gets at least <see cref="MinimumWorkPerBand"/> multiply-adds
/// (the context can lower it for tests) so small problems do not pay for threads, and a single band runs inline on the
/// caller's thread. A band's exception reaches the caller in an <see cref="AggregateException"/>, as from
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>.
/// </summary>
internal static class ParallelRowIterator
{
    /// <summary>About 30 µs of scalar work: below this a band costs more to schedule than it saves.</summary>
    public const long MinimumWorkPerBand = 1L << 16;

    /// <summary>Bands per thread: more than one, so a thread slowed by a noisy neighbour does not hold up the rest.</summary>
    private const int BandsPerThread = 4;

    /// <summary>The thread count a <c>maxDegreeOfParallelism</c> of −1 (all cores) or n stands for.</summary>
    public static int ResolveDegree(int maxDegreeOfParallelism) =>
        maxDegreeOfParallelism < 1 ? Environment.ProcessorCount : maxDegreeOfParallelism;

    /// <summary>The most bands a call on <paramref name="threads"/> threads splits into: what per-band workspace is sized for.</summary>
    public static int MaxBands(int threads) => threads == 1 ? 1 : threads * BandsPerThread;

    /// <param name="rowCount">Rows to cover.</param>
    /// <param name="workPerRow">Multiply-adds per row, to size the bands.</param>
    /// <param name="context">Threads, the minimum band size and cancellation.</param>
    /// <param name="rowMultiple">Band starts are multiples of this (register-blocked kernels take several rows at once).</param>
    /// <param name="operation">The work.</param>
    public static void For<TOperation>(int rowCount, long workPerRow, ExecutionContext context, int rowMultiple, TOperation operation)
        where TOperation : struct, IRowBandOperation
    {
        int degree = context.Threads;
        long minimumRows = Math.Max(1, context.MinimumWorkPerBand / Math.Max(1, workPerRow));
        long bandsByWork = Math.Max(1, rowCount / minimumRows);
        int bands = (int)Math.Min(Math.Min((long)MaxBands(degree), bandsByWork), rowCount);
        context.CancellationToken.ThrowIfCancellationRequested();
        if (degree == 1 || bands <= 1)
        {
            operation.Invoke(0, 0, rowCount);
            return;
        }

        int rowsPerBand = (rowCount + bands - 1) / bands;
        rowsPerBand = (rowsPerBand + rowMultiple - 1) / rowMultiple * rowMultiple;
        bands = (rowCount + rowsPerBand - 1) / rowsPerBand;
        var runner = new BandRunner<TOperation>(operation, rowCount, rowsPerBand);
        if (!context.ForceThreadPool && BandTeam.TryRun(runner, bands, degree, context.CancellationToken))
        {
            if (runner.Error is not null) throw new AggregateException(runner.Error);
            context.CancellationToken.ThrowIfCancellationRequested();
            return;
        }

        Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = context.CancellationToken }, runner.Run);
    }

    private sealed class BandRunner<TOperation>(TOperation operation, int rowCount, int rowsPerBand) : BandJob
        where TOperation : struct, IRowBandOperation
    {
        protected override void RunBand(int band) => Run(band);

        public void Run(int band)
        {
            int start = band * rowsPerBand;
            operation.Invoke(band, start, Math.Min(rowCount, start + rowsPerBand));
        }
    }
}
