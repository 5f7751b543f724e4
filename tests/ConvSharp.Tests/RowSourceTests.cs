using ConvSharp.Borders;
using ConvSharp.Execution;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>The edge fill writes exactly the samples asked for, wherever the range lies against the image.</summary>
public class RowSourceTests
{
    [Theory]
    [InlineData(-5, 2)]    // wholly left of the image (once wrote |first| samples, past the range)
    [InlineData(-2, 1)]
    [InlineData(-1, 4)]    // across the left edge, the whole row and past the right edge
    [InlineData(2, 3)]     // wholly right of it
    [InlineData(0, 3)]
    public unsafe void FillColumns_writes_only_its_range(long first, int length)
    {
        float* row = stackalloc float[] { 10, 20, 30 };
        float* dest = stackalloc float[16];
        for (int i = 0; i < 16; i++) dest[i] = -1;
        var d = new ConvolutionData { InputWidth = 3, BorderMode = BorderMode.Replicate };

        RowSources.FillColumns(in d, row, first, length, dest);

        for (int i = 0; i < length; i++)
        {
            long column = first + i;
            float expected = column < 0 ? 10 : column > 2 ? 30 : row[column];
            Assert.Equal(expected, dest[i]);
        }

        for (int i = length; i < 16; i++) Assert.Equal(-1f, dest[i]);
    }
}
