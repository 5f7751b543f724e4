namespace ConvSharp.Tests.Infrastructure;

/// <summary>One row of the conformance table: a canonical problem string and how to lay out its buffers.</summary>
/// <param name="Problem">The canonical problem string (replayable with <see cref="Conv2DProblem.Parse"/>).</param>
/// <param name="Seed">Seeds the input and kernel data.</param>
/// <param name="ExtraPitch">Padding added to the input and output row pitch; the output padding must stay untouched.</param>
public sealed record ConformanceCase(string Problem, int Seed, int ExtraPitch)
{
    public override string ToString() => ExtraPitch == 0 ? Problem : $"{Problem} (pitch +{ExtraPitch})";
}
