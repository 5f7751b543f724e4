using System.Linq;
using ConvSharp.Execution;
using ConvSharp.Tests.Infrastructure;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>
/// The SIMD kernels sweep columns either way (see <see cref="StoreLoadAliasing"/>); both ways must conform. The direction
/// is a setting of each call's context, so these tests touch nothing another test can see.
/// </summary>
public class SweepDirectionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Vector_kernels_conform_in_both_directions(bool backward)
    {
        var context = new ExecutionContext { ForceBackwardSweep = backward };
        foreach (var algorithm in Conv2D.Algorithms.Where(a => a.Name is "Simd" or "Stencil" or "Separable"))
        {
            foreach (var testCase in ConformanceTable.Cases.Where((_, i) => i % 3 == (backward ? 1 : 0)))
            {
                var failure = ConformanceCheck.Check(algorithm, testCase, context);
                Assert.True(failure is null, $"{(backward ? "backward" : "forward")}: {failure}");
            }
        }
    }

    [Fact]
    public unsafe void Output_just_above_input_modulo_4K_sweeps_backward()
    {
        float* input = (float*)0x10000;
        float** inputs = stackalloc float*[] { input, input + 1024 };
        float** above = stackalloc float*[] { input + 8 };          // output 32 bytes above the input (mod 4 KiB)
        float** below = stackalloc float*[] { input - 8 };          // output 32 bytes below
        float** far = stackalloc float*[] { input + 512 };          // 2 KiB away
        Assert.True(StoreLoadAliasing.PreferBackward(inputs, 2, above, 1, -1));
        Assert.False(StoreLoadAliasing.PreferBackward(inputs, 2, below, 1, -1));
        Assert.False(StoreLoadAliasing.PreferBackward(inputs, 2, far, 1, -1));
        Assert.True(StoreLoadAliasing.PreferBackward(inputs, 2, far, 1, 1));
        Assert.False(StoreLoadAliasing.PreferBackward(inputs, 2, above, 1, 0));
    }
}
