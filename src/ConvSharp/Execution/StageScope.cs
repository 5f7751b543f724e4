using System;
using System.Diagnostics;

namespace ConvSharp;

/// <summary>
/// Times one stage from its creation to <see cref="Dispose"/> and reports it to the profiler. Without a profiler it holds
/// nothing and reads no clock, so an unprofiled call pays one null test per stage.
/// </summary>
public readonly struct StageScope : IDisposable, IEquatable<StageScope>
{
    private readonly IStageProfiler? _profiler;
    private readonly string? _name;
    private readonly long _start;

    internal StageScope(IStageProfiler? profiler, string name)
    {
        if (profiler is null) return;
        _profiler = profiler;
        _name = name;
        _start = Stopwatch.GetTimestamp();
    }

    /// <summary>Reports the stage's time.</summary>
    public void Dispose() => _profiler?.Record(_name!, Stopwatch.GetElapsedTime(_start));

    /// <inheritdoc/>
    public bool Equals(StageScope other) => ReferenceEquals(_profiler, other._profiler) && _name == other._name && _start == other._start;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StageScope other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_profiler, _name, _start);

    /// <summary>Value equality.</summary>
    public static bool operator ==(StageScope left, StageScope right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(StageScope left, StageScope right) => !left.Equals(right);
}
