using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConvSharp.Cli.Bench;
using Xunit;

namespace ConvSharp.Cli.Tests;

public class TimingTests
{
    [Fact]
    public void Rounds_time_every_action_in_turn_and_merge_each_ones_runs()
    {
        var order = new List<(int Round, int Index)>();
        var sampled = new int[2];
        int calls0 = 0, calls1 = 0;
        var timings = Timing.Rounds([() => calls0++, () => calls1++], rounds: 3, maxSeconds: 0.05, (round, index, time) =>
        {
            order.Add((round, index));
            var samples = time();
            sampled[index] += samples.Count;
            return samples;
        });

        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)], order);
        Assert.Equal(sampled, timings.Select(t => t.Runs));
        Assert.All(timings, t => Assert.InRange(t.MedianMs, t.MinMs, t.MaxMs));
        Assert.True(calls0 > sampled[0] && calls1 > sampled[1], "every round starts with an untimed run");
    }

    [Fact]
    public void An_action_too_slow_for_one_run_is_not_timed_again()
    {
        var order = new List<int>();
        var timings = Timing.Rounds([() => Thread.Sleep(30), () => { }], rounds: 3, maxSeconds: 0.01, (round, index, time) =>
        {
            order.Add(index);
            return time();
        });

        Assert.Equal([0, 1, 1, 1], order);
        Assert.Equal(1, timings[0].Runs);
        Assert.True(timings[0].MedianMs >= 25);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Timing.Rounds([() => { }], rounds: 0, maxSeconds: 1));
        Assert.Throws<ArgumentException>(() => Timing.FromSamples(Array.Empty<double>()));
    }
}
