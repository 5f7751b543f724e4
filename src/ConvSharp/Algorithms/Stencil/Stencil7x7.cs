namespace ConvSharp.Algorithms.Stencil;

/// <summary>The 7×7 specialisation.</summary>
internal readonly struct Stencil7x7 : IStencilSize
{
    public static int Size => 7;
}
