using System;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>Apply into caller buffers allocates nothing proportional to the image (pooled scratch only).</summary>
public class MemoryTests
{
    [Theory]
    [InlineData("Direct")]
    [InlineData("Parallel")]
    [InlineData("Simd")]
    [InlineData("Stencil")]
    [InlineData("Auto")]
    public void Apply_allocates_a_small_constant_per_call(string algorithm)
    {
        const int n = 512;
        var input = new float[n * n];
        var output = new float[n * n];
        var kernel = new float[9];
        // One thread, so every allocation happens on this thread and is counted; Constant(1) uses the pooled fill row.
        var options = new Conv2DOptions { Algorithm = algorithm, MaxDegreeOfParallelism = 1, Border = Border.Constant(1) };
        void Run() => Conv2D.Apply(new ReadOnlyPlane2D(input, n, n), new ReadOnlyPlane2D(kernel, 3, 3), new Plane2D(output, n, n), options);

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 4; i++) Run();
        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 4;

        // The image is 1 MiB; a call may allocate its problem object and little else.
        Assert.True(perCall < 512, $"{algorithm} allocated {perCall} bytes per call");
    }
}
