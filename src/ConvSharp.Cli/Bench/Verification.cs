namespace ConvSharp.Cli.Bench;

/// <summary>A result checked against Reference: the largest errors and whether they are within tolerance.</summary>
/// <param name="MaxAbsError">max |got − reference|.</param>
/// <param name="MaxRelError">max |got − reference| / max |reference|.</param>
/// <param name="Tolerance">The allowed absolute error, <see cref="Conv2DProblem.ErrorBound"/>.</param>
/// <param name="Verified">Every compared sample within tolerance (NaN matching NaN).</param>
/// <param name="Samples">How many output samples were compared.</param>
public sealed record Verification(double MaxAbsError, double MaxRelError, double Tolerance, bool Verified, int Samples);
