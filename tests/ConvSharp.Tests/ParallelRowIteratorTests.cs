using System;
using System.Threading;
using System.Threading.Tasks;
using ConvSharp.Execution;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>
/// The parallel band loop (<see cref="ParallelRowIterator"/>): every row exactly once at any thread count, errors and
/// cancellation reach the caller and the next loop still runs, and nested and concurrent loops cover their rows.
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
    private static ExecutionContext Split(int threads, CancellationToken cancellation = default) =>
        new() { MaxDegreeOfParallelism = threads, MinimumWorkPerBand = 1, CancellationToken = cancellation };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Every_row_runs_once(int threads)
    {
        for (int rows = 1; rows <= 70; rows++)
        {
            var counts = new int[rows];
            ParallelRowIterator.For(rows, 1, Split(threads), 1, new CountRows(counts, -1, null, 0));
            Assert.All(counts, c => Assert.Equal(1, c));
        }
    }

    [Fact]
    public void A_band_that_throws_reaches_the_caller_and_the_next_loop_runs()
    {
        var error = Assert.Throws<AggregateException>(() => ParallelRowIterator.For(64, 1, Split(2), 1, new CountRows(new int[64], 3, null, 0)));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Every_row_runs_once(2);
    }

    [Fact]
    public void A_loop_cancelled_in_its_first_band_throws_and_the_next_loop_runs()
    {
        using var source = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => ParallelRowIterator.For(64, 1, Split(2, source.Token), 1, new CountRows(new int[64], -1, source, 0)));
        Every_row_runs_once(2);
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
}
