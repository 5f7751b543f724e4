using System;
using ConvSharp.Tests.Infrastructure;

namespace ConvSharp.Tests;

/// <summary>Entry point for child processes; xunit does not use it.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["conformance"]) return TierConformance.Run(Console.Out);
        Console.Error.WriteLine("usage: dotnet ConvSharp.Tests.dll conformance   (re-runs the conformance table at the tier the environment allows)");
        return 2;
    }
}
