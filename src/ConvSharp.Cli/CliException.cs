using System;

namespace ConvSharp.Cli;

/// <summary>A problem with the user's input: printed as one line on stderr, no stack trace, and a non-zero exit code.</summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the error with the one-line message the user sees.</summary>
    public CliException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with the one-line message the user sees and its cause.</summary>
    public CliException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates an error with a generic message.</summary>
    public CliException()
        : base("invalid input")
    {
    }
}
