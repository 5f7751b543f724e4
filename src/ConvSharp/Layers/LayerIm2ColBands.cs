using ConvSharp.Algorithms.Im2ColGemm;
using ConvSharp.Execution;

namespace ConvSharp.Layers;

/// <summary>The layer's im2col in parallel over input channels: channel c fills panel rows c·kh·kw .. (c + 1)·kh·kw − 1.</summary>
internal readonly unsafe struct LayerIm2ColBands(ConvolutionData firstPlane, long planeFloats, int taps, int y0, int rows, float* panel, long ld) : IRowBandOperation
{
    public void Invoke(int band, int start, int end)
    {
        var plane = firstPlane;
        for (int c = start; c < end; c++)
        {
            plane.Input = firstPlane.Input + (c * planeFloats);
            Im2Col.FillPanel(in plane, y0, rows, 0, plane.OutputWidth, panel + ((long)c * taps * ld), ld);
        }
    }
}
