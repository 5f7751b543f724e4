namespace ConvSharp.Algorithms.Stencil;

/// <summary>Any kernel of at least three rows, its size read at run time: the four-row blocks of <see cref="AnySizeBlockKernel{TOps, TVector}"/>, which the Simd algorithm runs.</summary>
internal readonly struct StencilAnySize : IStencilSize
{
    public static int Size => 0;
}
