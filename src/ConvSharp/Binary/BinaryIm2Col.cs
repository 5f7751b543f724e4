using System;
using ConvSharp.Execution;

namespace ConvSharp.Binary;

/// <summary>How the binary algorithms that im2col (the seed pipeline, K's column forms) cut and read the input.</summary>
internal static unsafe class BinaryIm2Col
{
    /// <summary>Floats of im2col panel per segment (4 MiB): the stages' buffers stay in L2/L3 between stages.</summary>
    public const long SegmentFloats = 1 << 20;

    /// <summary>Output rows per segment: as many as fit <see cref="SegmentFloats"/>, at least one.</summary>
    public static int SegmentRows(BinaryConv2DProblem problem) =>
        (int)Math.Clamp(SegmentFloats / ((long)problem.Taps * problem.Geometry.OutputWidth), 1, problem.Geometry.OutputHeight);

    /// <summary>The input as the core's im2col reads it: zero outside (K's padding), <paramref name="fill"/> (InputWidth floats) cleared as the fill row.</summary>
    public static ConvolutionData Source(BinaryConv2DProblem problem, float* input, int pitch, float* fill)
    {
        var data = ConvolutionData.Describe(problem.Geometry);
        data.Input = input;
        data.InputPitch = pitch;
        data.FillRow = fill;
        new Span<float>(fill, problem.Geometry.InputWidth).Clear();
        return data;
    }
}
