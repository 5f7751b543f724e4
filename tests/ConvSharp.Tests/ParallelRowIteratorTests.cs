using System;
using System.Threading;
using System.Threading.Tasks;
using ConvSharp.Execution;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>
/// The parallel band loop (<see cref="ParallelRowIterator"/> on the <see cref="BandTeam"/>, or the thread pool when the
/// team is busy or the context asks for it): every row exactly once at any thread count, errors and cancellation reach
/// the caller and the next loop still runs, nested and concurrent loops cover their rows, and a helper runs beside the
/// caller. Tests in other classes run loops at the same time, so these hold on either path.
/// </summary>
public class ParallelRowIteratorTests
{
    private readonly struct CountRows(int[] counts, int throwInBand, CancellationTokenSource? cancelInBand, int nestedRows) : IRowBandOperation
    {
        public void Invoke(int band, int start, int end)
        {
            if (band == throwInBand) throw new InvalidOperationException("band " + band);
            if (band == 0) cancelInBand?.Cancel();
            for (int row = start; row < end; row++)
            {
                Interlocked.Increment(ref counts[row]);
                if (nestedRows > 0)
                {
                    var inner = new int[nestedRows];
                    ParallelRowIterator.For(nestedRows, 1, Split(2), 1, new CountRows(inner, -1, null, 0));
                    Assert.All(inner, c => Assert.Equal(1, c));
                }
            }
        }
    }

    /// <summary>A context that splits even the smallest loop into bands.</summary>
    private static ExecutionContext Split(int threads, bool threadPool = false, CancellationToken cancellation = default) =>
        new() { MaxDegreeOfParallelism = threads, MinimumWorkPerBand = 1, CancellationToken = cancellation, ForceThreadPool = threadPool };

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(8, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void Every_row_runs_once(int threads, bool threadPool)
    {
        for (int rows = 1; rows <= 70; rows++)
        {
            var counts = new int[rows];
            ParallelRowIterator.For(rows, 1, Split(threads, threadPool), 1, new CountRows(counts, -1, null, 0));
            Assert.All(counts, c => Assert.Equal(1, c));
        }
    }

    [Fact]
    public void A_band_that_throws_reaches_the_caller_and_the_next_loop_runs()
    {
        var error = Assert.Throws<AggregateException>(() => ParallelRowIterator.For(64, 1, Split(2), 1, new CountRows(new int[64], 3, null, 0)));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Every_row_runs_once(2, false);
    }

    [Fact]
    public void A_loop_cancelled_in_its_first_band_throws_and_the_next_loop_runs()
    {
        using var source = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => ParallelRowIterator.For(64, 1, Split(2, cancellation: source.Token), 1, new CountRows(new int[64], -1, source, 0)));
        Every_row_runs_once(2, false);
    }

    [Fact]
    public void Nested_loops_run_every_row()
    {
        var counts = new int[24];
        ParallelRowIterator.For(counts.Length, 1, Split(2), 1, new CountRows(counts, -1, null, 9));
        Assert.All(counts, c => Assert.Equal(1, c));
    }

    [Fact]
    public void Concurrent_loops_run_every_row()
    {
        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < 200; i++)
            {
                var counts = new int[33];
                ParallelRowIterator.For(counts.Length, 1, Split(2), 1, new CountRows(counts, -1, null, 0));
                Assert.All(counts, c => Assert.Equal(1, c));
            }
        });
    }

    /// <summary>Band 0 waits for band 1 to start, so it can only finish if a helper runs beside the caller.</summary>
    private sealed class Rendezvous : BandJob
    {
        private int _second;

        public bool Met { get; private set; }

        protected override void RunBand(int band)
        {
            if (band == 1)
            {
                Volatile.Write(ref _second, 1);
                return;
            }

            var patience = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref _second) == 0 && patience.Elapsed < TimeSpan.FromSeconds(10)) Thread.Yield();
            Met = Volatile.Read(ref _second) == 1;
        }
    }

    [Fact]
    public void A_helper_runs_beside_the_caller()
    {
        if (Environment.ProcessorCount < 2) return;   // no helper on one core: the caller runs every band
        var job = new Rendezvous();
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (!BandTeam.TryRun(job, 2, 2, default))
        {
            Assert.True(patience.Elapsed < TimeSpan.FromSeconds(30), "the team stayed busy for 30 s");
            Thread.Sleep(1);
        }

        Assert.True(job.Met);
    }
}
