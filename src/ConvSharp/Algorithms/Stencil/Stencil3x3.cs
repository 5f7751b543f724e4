namespace ConvSharp.Algorithms.Stencil;

/// <summary>The 3×3 specialisation.</summary>
internal readonly struct Stencil3x3 : IStencilSize
{
    public static int Size => 3;
}
