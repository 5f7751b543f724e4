using System;
using ConvSharp.Simd;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>The channel interleave the Winograd transforms use, at every lane count a tier can have (16 runs here as four AVX blocks).</summary>
public class LaneTransposeTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(4, 12)]
    [InlineData(8, 40)]
    [InlineData(16, 48)]
    public unsafe void Interleave_and_deinterleave_are_transposes_and_inverses(int lanes, int width)
    {
        const int Stride = 53;   // rows farther apart than they are wide
        var rows = new float[lanes * Stride];
        for (int i = 0; i < rows.Length; i++) rows[i] = i;
        var interleaved = new float[width * lanes];
        var back = new float[lanes * Stride];
        fixed (float* r = rows)
        fixed (float* il = interleaved)
        fixed (float* b = back)
        {
            LaneTranspose.Interleave(r, Stride, il, width, lanes);
            LaneTranspose.Deinterleave(il, b, Stride, width, lanes);
        }

        for (int l = 0; l < lanes; l++)
        {
            for (int x = 0; x < width; x++)
            {
                Assert.Equal(rows[(l * Stride) + x], interleaved[(x * lanes) + l]);
                Assert.Equal(rows[(l * Stride) + x], back[(l * Stride) + x]);
            }

            // Columns past the width are not written.
            for (int x = width; x < Stride; x++) Assert.Equal(0f, back[(l * Stride) + x]);
        }
    }
}
