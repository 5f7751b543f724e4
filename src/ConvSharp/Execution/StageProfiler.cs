using System;
using System.Collections.Generic;

namespace ConvSharp;

/// <summary>
/// An <see cref="IStageProfiler"/> that adds up each stage's time in the order the stages first ran. Thread-safe.
/// </summary>
public sealed class StageProfiler : IStageProfiler
{
    private readonly List<(string Stage, TimeSpan Elapsed)> _stages = [];
    private readonly object _gate = new();

    /// <summary>Each stage with its total time, in the order of first appearance.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages
    {
        get
        {
            lock (_gate) return _stages.ToArray();
        }
    }

    /// <inheritdoc/>
    public void Record(string stage, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(stage);
        lock (_gate)
        {
            int index = _stages.FindIndex(s => s.Stage == stage);
            if (index < 0) _stages.Add((stage, elapsed));
            else _stages[index] = (stage, _stages[index].Elapsed + elapsed);
        }
    }

    /// <summary>Forgets every stage.</summary>
    public void Reset()
    {
        lock (_gate) _stages.Clear();
    }
}
