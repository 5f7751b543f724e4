using System.Runtime.Intrinsics;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>The 7×7 specialisation.</summary>
internal readonly struct Stencil7x7 : IStencilSize
{
    public static int Size => 7;

    public static int BlockRows => StencilBlockKernel<Stencil3x3, Vector128Ops, Vector128<float>>.Rows;

    public static int EdgeVectors => 1;
}
