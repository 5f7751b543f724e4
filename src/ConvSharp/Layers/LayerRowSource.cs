using ConvSharp.Execution;

namespace ConvSharp.Layers;

/// <summary>How the layer's algorithms read input planes through the core's row sources, so every padding mode is applied one way.</summary>
internal static unsafe class LayerRowSource
{
    /// <summary>One input plane as the core's row sources see it: the padding as the anchor, the mode as the border.</summary>
    public static ConvolutionData PlaneData(Conv2DLayerProblem p, float* fill) => new()
    {
        InputPitch = p.InputWidth,
        InputHeight = p.InputHeight,
        InputWidth = p.InputWidth,
        KernelHeight = p.KernelHeight,
        KernelWidth = p.KernelWidth,
        OutputHeight = p.OutputHeight,
        OutputWidth = p.OutputWidth,
        StrideY = p.Stride.Y,
        StrideX = p.Stride.X,
        DilationY = p.Dilation.Y,
        DilationX = p.Dilation.X,
        AnchorY = p.Padding.Top,
        AnchorX = p.Padding.Left,
        BorderMode = p.Border.Mode,
        FillValue = 0f,
        FillRow = fill,
        ForcedSweep = -1,
    };
}
