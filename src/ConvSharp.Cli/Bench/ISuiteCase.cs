namespace ConvSharp.Cli.Bench;

/// <summary>A case of a suite whose rows are <see cref="SuiteRow"/>s: its name, its problem string, and the flops GFLOP/s counts.</summary>
public interface ISuiteCase
{
    /// <summary>The case's name (<c>sgemm512</c>, <c>vgg64</c>, ...).</summary>
    string Name { get; }

    /// <summary>The canonical problem string (contains the shapes).</summary>
    string Problem { get; }

    /// <summary>2 × multiply-adds, whatever an algorithm does.</summary>
    double Flops { get; }

    /// <summary>The bytes a call must move at least (its operands and result once), for GB/s; null where GB/s is not reported.</summary>
    double? Bytes { get; }
}
