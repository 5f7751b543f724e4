namespace ConvSharp.Algorithms.Stencil;

/// <summary>The 5×5 specialisation.</summary>
internal readonly struct Stencil5x5 : IStencilSize
{
    public static int Size => 5;
}
