using System.Runtime.Intrinsics;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>Any kernel of at least three rows, its size read at run time: the two-row blocks of <see cref="AnySizeBlockKernel{TOps, TVector}"/>, which the Simd algorithm runs.</summary>
internal readonly struct StencilAnySize : IStencilSize
{
    public static int Size => 0;

    public static int BlockRows => AnySizeBlockKernel<Vector128Ops, Vector128<float>>.Rows;

    public static int EdgeVectors => SixVectorSteps<Vector128Ops, Vector128<float>>.Vectors;
}
