using System.Runtime.Intrinsics;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>The 3×3 specialisation.</summary>
internal readonly struct Stencil3x3 : IStencilSize
{
    public static int Size => 3;

    public static int BlockRows => Stencil3x3BlockKernel<Vector128Ops, Vector128<float>>.Rows;

    public static int EdgeVectors => 1;
}
