using System;

namespace ConvSharp.Cli.Bench;

/// <summary>One in-process row of an image-suite case, verified and ready to time.</summary>
/// <param name="Label">The row's name in the table.</param>
/// <param name="IsPeer">Whether it is another library's (OpenCV's) row.</param>
/// <param name="Run">One call of what is timed.</param>
/// <param name="Verification">The check of its first run's output against Reference.</param>
/// <param name="Owner">The prepared state the calls use, disposed when the case is done.</param>
internal sealed record TimedRow(string Label, bool IsPeer, Action Run, Verification Verification, IDisposable Owner);
