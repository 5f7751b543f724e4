using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Im2ColGemm;

/// <summary>The materialised forms' im2col, in parallel over output rows: rows [start, end) fill their columns of the whole matrix.</summary>
internal readonly unsafe struct Im2ColFillBands(ConvolutionData data, float* matrix, long ld) : IRowBandOperation
{
    public void Invoke(int band, int start, int end) =>
        Im2Col.FillPanel(in data, start, end - start, 0, data.OutputWidth, matrix + ((long)start * data.OutputWidth), ld);
}
