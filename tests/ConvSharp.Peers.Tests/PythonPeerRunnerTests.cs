using System;
using System.Linq;
using ConvSharp.Peers.Python;
using Xunit;

namespace ConvSharp.Peers.Tests;

/// <summary>The Python adapter against a real interpreter: the embedded script runs, times, and hands back numpy's product.</summary>
public class PythonPeerRunnerTests
{
    [PythonFact]
    public void Numpy_matmul_comes_back_timed_and_equal_to_the_product()
    {
        const int m = 3, n = 5, k = 4;
        float[] a = Enumerable.Range(0, m * k).Select(i => (float)((i % 5) - 2)).ToArray();
        float[] b = Enumerable.Range(0, k * n).Select(i => (float)((i % 3) - 1)).ToArray();
        var runner = new PythonPeerRunner(PythonLocator.Find(null, out _)!);

        var row = Assert.Single(runner.Gemm("tiny", m, n, k, a, b, threads: 1, maxSeconds: 0.05));

        Assert.True(row.Available, row.Why);
        Assert.Equal("numpy matmul", row.Method);
        Assert.True(row.MedianMs > 0 && row.MinMs <= row.MedianMs && row.MedianMs <= row.MaxMs && row.Runs >= 1);
        var expected = new float[m * n];
        Gemm.Sgemm(m, n, k, a, b, expected);
        Assert.Equal(expected, row.Output);
    }

    [PythonFact]
    public void Torch_conv2d_comes_back_in_both_layouts_or_says_how_to_install_torch()
    {
        var options = new ConvSharp.Layers.Conv2DLayerOptions { Padding = ConvSharp.Layers.LayerPadding.Symmetric(1), Groups = 2 };
        var problem = ConvSharp.Layers.Conv2DLayerProblem.Create(2, 4, 5, 6, 6, 3, 3, options);
        float[] input = Enumerable.Range(0, (int)problem.InputLength).Select(i => (float)((i % 7) - 3)).ToArray();
        float[] weights = Enumerable.Range(0, (int)problem.WeightLength).Select(i => (float)((i % 5) - 2)).ToArray();
        var runner = new PythonPeerRunner(PythonLocator.Find(null, out _)!);

        var rows = runner.Layer("tiny", problem, input, weights, threads: 1, maxSeconds: 0.05);

        if (rows.Count == 1 && !rows[0].Available)
        {
            Assert.Contains("apt-get install python3-torch", rows[0].Why, StringComparison.Ordinal);
            return;
        }

        var expected = new ConvSharp.Layers.Conv2DLayer(weights, 6, 3, 3, options: options).Forward(input, 2, 5, 6);
        Assert.Equal(["torch conv2d (CPU, NCHW)", "torch conv2d (CPU, channels_last)"], rows.Select(r => r.Method));
        Assert.All(rows, r => Assert.Equal(expected, r.Output));
    }

    [Fact]
    public void A_missing_interpreter_is_not_chosen_and_the_reason_says_how_to_install()
    {
        string? found = PythonLocator.Find("/nonexistent/python3", out string why);
        Assert.NotEqual("/nonexistent/python3", found);
        if (found is null) Assert.Contains("apt-get install python3-numpy", why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_script_ships_inside_the_assembly()
    {
        Assert.Contains("def gemm(job, np)", PythonPeerRunner.Script, StringComparison.Ordinal);
    }
}
