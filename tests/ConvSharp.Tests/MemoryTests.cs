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
    [InlineData("Separable")]
    [InlineData("Winograd")]
    [InlineData("Auto")]
    public void Apply_allocates_a_small_constant_per_call(string algorithm)
    {
        const int n = 512;
        var input = new float[n * n];
        var output = new float[n * n];
        float[] kernel = [1, 2, 1, 2, 4, 2, 1, 2, 1];   // rank 1, so Separable takes it too
        // One thread, so every allocation happens on this thread and is counted; Constant(1) uses the pooled fill row.
        var options = new Conv2DOptions { Algorithm = algorithm, MaxDegreeOfParallelism = 1, Border = Border.Constant(1) };
        void Run() => Conv2D.Apply(new ReadOnlyPlane2D(input, n, n), new ReadOnlyPlane2D(kernel, 3, 3), new Plane2D(output, n, n), options);

        // The least of three rounds: tests running beside this one can fill the planner's plan cache, whose reset makes
        // one round re-plan; the steady state is what this measures.
        Run();
        long perCall = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 4; i++) Run();
            perCall = Math.Min(perCall, (GC.GetAllocatedBytesForCurrentThread() - before) / 4);
        }

        // The image is 1 MiB; a call may allocate its problem object, the prepared kernel (a copy of its taps, or
        // Separable's factors, Winograd's transformed taps) and little else.
        Assert.True(perCall < (algorithm == "Separable" ? 2048 : 512), $"{algorithm} allocated {perCall} bytes per call");
    }
}
