using System.IO;
using Spectre.Console;

namespace ConvSharp.Cli;

/// <summary>Where a command writes: tables and progress to <see cref="Console"/>, one-line errors to <see cref="Error"/>.</summary>
/// <param name="Console">Standard output (a test console in tests).</param>
/// <param name="Error">Standard error.</param>
public sealed record CliEnvironment(IAnsiConsole Console, TextWriter Error);
