using System.Runtime.CompilerServices;
using ConvSharp.Borders;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Im2ColGemm;

/// <summary>
/// The column matrix of a block of output samples: row i·kw + j holds, for every output (y, x) of the block, the bordered
/// input sample that tap (i, j) multiplies, in[y·sy + i·dy − ay, x·sx + j·dx − ax]. The kernel's taps as a 1 × kh·kw row
/// times this matrix is the convolution of the block. Rows come through the row sources, so every border, anchor,
/// stride and dilation is the one the direct algorithms apply.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>
    /// Output rows [y0, y0 + rows), columns [x0, x1): the panel's column r·(x1 − x0) + (x − x0) is output (y0 + r, x), its
    /// row t starts at panel + t·<paramref name="ldPanel"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillPanel(in ConvolutionData d, int y0, int rows, int x0, int x1, float* panel, long ldPanel)
    {
        int width = x1 - x0, kh = d.KernelHeight, kw = d.KernelWidth;
        for (int r = 0; r < rows; r++)
        {
            long top = ((long)(y0 + r) * d.StrideY) - d.AnchorY;
            for (int i = 0; i < kh; i++)
            {
                float* source = RowSources.Row(in d, top + ((long)i * d.DilationY));
                for (int j = 0; j < kw; j++)
                {
                    float* target = panel + (((long)(i * kw) + j) * ldPanel) + ((long)r * width);
                    long first = ((long)x0 * d.StrideX) + ((long)j * d.DilationX) - d.AnchorX;
                    if (d.StrideX == 1) RowSources.FillColumns(in d, source, first, width, target);
                    else Strided(in d, source, first, width, target);
                }
            }
        }
    }

    private static void Strided(in ConvolutionData d, float* source, long first, int width, float* target)
    {
        int inputWidth = d.InputWidth;
        long column = first;
        for (int x = 0; x < width; x++, column += d.StrideX)
        {
            target[x] = (ulong)column < (ulong)inputWidth ? source[column] : RowSources.Bordered(in d, source, column);
        }
    }
}
