namespace ConvSharp.Algorithms.Stencil;

/// <summary>A square kernel size known at JIT time, so the stencil's tap loops have constant bounds (0: read at run time), and the block kernel's row count.</summary>
internal interface IStencilSize
{
    static abstract int Size { get; }

    /// <summary>Output rows per register block: how many rows the band loop hands the block kernel at once.</summary>
    static abstract int BlockRows { get; }

    /// <summary>Vectors per edge segment: the block's column step where the block computes its own edges, else one (the row kernel's).</summary>
    static abstract int EdgeVectors { get; }
}
