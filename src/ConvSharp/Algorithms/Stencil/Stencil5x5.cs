using System.Runtime.Intrinsics;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>The 5×5 specialisation.</summary>
internal readonly struct Stencil5x5 : IStencilSize
{
    public static int Size => 5;

    public static int BlockRows => StencilBlockKernel<Stencil3x3, Vector128Ops, Vector128<float>>.Rows;

    public static int EdgeVectors => 1;
}
