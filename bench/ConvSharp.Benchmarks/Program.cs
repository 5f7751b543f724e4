using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Running;

namespace ConvSharp.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/ConvSharp.Benchmarks -- --filter '*'</c> runs the BenchmarkDotNet suites;
/// <c>-- quick [3 5 7]</c> prints quick medians for development.
/// </summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick")
        {
            // quick [k ...] [n=1024] [t=-1] [align=0]
            var sizes = args.Skip(1).Where(a => !a.Contains('=')).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
            int n = args.Where(a => a.StartsWith("n=", StringComparison.Ordinal)).Select(a => int.Parse(a[2..], CultureInfo.InvariantCulture)).DefaultIfEmpty(NotebookProblem.Size).Last();
            int t = args.Where(a => a.StartsWith("t=", StringComparison.Ordinal)).Select(a => int.Parse(a[2..], CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Last();
            int align = args.Where(a => a.StartsWith("align=", StringComparison.Ordinal)).Select(a => int.Parse(a[6..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Last();
            QuickTimer.Run(sizes.Length > 0 ? sizes : [3, 5, 7], n, t, align);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
