namespace ConvSharp.Algorithms.Stencil;

/// <summary>A square kernel size known at JIT time, so the stencil's tap loops have constant bounds.</summary>
internal interface IStencilSize
{
    static abstract int Size { get; }
}
