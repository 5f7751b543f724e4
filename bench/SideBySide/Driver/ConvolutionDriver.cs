using System;
using System.Diagnostics;

namespace ConvSharp.SideBySide;

/// <summary>
/// Times one <see cref="Conv2D.Apply(ReadOnlyPlane2D, ReadOnlyPlane2D, Plane2D, Conv2DOptions?)"/> call of the ConvSharp
/// build it was compiled against. Written only with API every build since the first release has, so one source serves
/// every revision. The buffers come from the host, so both builds read and write the very same addresses.
/// </summary>
public static class ConvolutionDriver
{
    /// <summary>A timer for one call of <paramref name="algorithm"/> on an n × n image with a k × k kernel; each call returns its milliseconds.</summary>
    public static Func<double> Create(string algorithm, int n, int k, int threads, float[] input, float[] kernel, float[] output)
    {
        var options = new Conv2DOptions { Algorithm = algorithm, MaxDegreeOfParallelism = threads };
        return () =>
        {
            long start = Stopwatch.GetTimestamp();
            Conv2D.Apply(new ReadOnlyPlane2D(input, n, n), new ReadOnlyPlane2D(kernel, k, k), new Plane2D(output, n, n), options);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        };
    }
}
