using System;
using System.Linq;
using ConvSharp.GemmKernels;
using ConvSharp.Tests.Infrastructure;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>The SGEMM against a double-precision loop (bit-exact on small integers), its argument checks, and the batched form.</summary>
public class GemmTests
{
    public static TheoryData<int> SweepChunks() => new(Enumerable.Range(0, 7));

    [Theory]
    [MemberData(nameof(SweepChunks))]
    public void Every_dimension_from_1_to_70_is_exact_on_small_integers(int chunk)
    {
        // 210 cases in seven theories of 30, so a failure names its neighbourhood.
        var failures = GemmCases.Sweep().Skip(chunk * 30).Take(30).Select(c => c.Check()).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Small_blocks_cross_every_loop_edge_on_one_and_three_threads()
    {
        var failures = GemmCases.SmallBlocks().Select(c => c.Check()).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Products_with_a_packed_in_advance_match()
    {
        var failures = GemmCases.PackedA().Select(c => c.Check()).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Products_with_b_packed_in_advance_and_a_in_place_match()
    {
        var failures = GemmCases.PackedBStridedA().Select(c => c.Check()).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(12)]
    public void Row_strips_cover_every_row_once_and_share_a_short_tail(int mr)
    {
        for (int m = 1; m <= 200; m++)
        {
            int count = GemmRowStrips.Count(m, mr), next = 0;
            for (int i = 0; i < count; i++)
            {
                var (row, height) = GemmRowStrips.Strip(i, m, mr);
                Assert.True(row == next && height >= 1 && height <= mr, $"m {m}, MR {mr}: strip {i} is rows {row} + {height}, expected to start at {next}");
                next = row + height;
            }

            Assert.Equal(m, next);
            int tail = m - ((count - 1) * mr);
            int last = GemmRowStrips.Strip(count - 1, m, mr).Height;

            // No strip is left with fewer than half of MR rows when it has a neighbour to share with.
            Assert.True(count == 1 || 2 * last >= mr || 2 * tail > mr, $"m {m}, MR {mr}: last strip {last} rows");
            if (count >= 2 && 2 * tail <= mr) Assert.True(GemmRowStrips.Strip(count - 2, m, mr).Height - last is 0 or 1, $"m {m}, MR {mr}: the last two strips are uneven");
        }
    }

    [Fact]
    public void Products_larger_than_one_block_match()
    {
        var failures = GemmCases.Large().Select(c => c.Check()).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_notebooks_1x9_times_9x1048576_is_exact()
    {
        const int n = 1 << 20;
        float[] kernel = [1, -2, 3, 0, 4, -1, 2, 2, -3];
        var columns = new float[9 * n];
        for (int i = 0; i < columns.Length; i++) columns[i] = (i * 7 % 11) - 5;
        var output = new float[n];
        Gemm.Sgemm(1, n, 9, kernel, columns, output);
        for (int j = 0; j < n; j++)
        {
            float expected = 0;
            for (int p = 0; p < 9; p++) expected += kernel[p] * columns[(p * n) + j];
            if (output[j] != expected) Assert.Fail($"column {j}: {output[j]}, expected {expected}");
        }
    }

    [Fact]
    public void Strided_batches_share_an_operand_with_stride_zero()
    {
        const int m = 5, n = 7, k = 3, batches = 3;
        var random = new Random(5);
        float[] weights = Enumerable.Range(0, m * k).Select(_ => (float)random.Next(-3, 4)).ToArray();
        float[] inputs = Enumerable.Range(0, batches * k * n).Select(_ => (float)random.Next(-3, 4)).ToArray();
        var outputs = new float[batches * m * n];
        Gemm.SgemmStridedBatched(GemmTranspose.None, GemmTranspose.None, m, n, k, 1, weights, k, 0, inputs, n, k * n, 0, outputs, n, m * n, batches);
        for (int bIndex = 0; bIndex < batches; bIndex++)
        {
            var expected = new float[m * n];
            Gemm.Sgemm(m, n, k, weights, inputs.AsSpan(bIndex * k * n, k * n), expected);
            Assert.Equal(expected, outputs.AsSpan(bIndex * m * n, m * n).ToArray());
        }
    }

    [Fact]
    public void Alpha_zero_reads_neither_operand_and_scales_C()
    {
        float[] c = [1, 2, 3, 4];
        Gemm.Sgemm(GemmTranspose.None, GemmTranspose.None, 2, 2, 3, 0f, ReadOnlySpan<float>.Empty, 3, ReadOnlySpan<float>.Empty, 2, 0.5f, c, 2);
        Assert.Equal([0.5f, 1, 1.5f, 2], c);
    }

    public static TheoryData<string, string> BadArguments() => new()
    {
        { "m", "m = -1" },
        { "lda", "lda = 2" },
        { "ldb", "ldb = 3" },
        { "ldc", "ldc = 3" },
        { "a", "a holds 5 floats" },
        { "c", "c overlaps a" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_name_the_parameter_and_value(string parameter, string message)
    {
        var a = new float[12];
        var b = new float[12];
        var c = new float[16];
        void Call() => _ = parameter switch
        {
            "m" => Run(() => Gemm.Sgemm(GemmTranspose.None, GemmTranspose.None, -1, 4, 3, 1, a, 3, b, 4, 0, c, 4)),
            "lda" => Run(() => Gemm.Sgemm(GemmTranspose.None, GemmTranspose.None, 4, 4, 3, 1, a, 2, b, 4, 0, c, 4)),
            "ldb" => Run(() => Gemm.Sgemm(GemmTranspose.None, GemmTranspose.None, 4, 4, 3, 1, a, 3, b, 3, 0, c, 4)),
            "ldc" => Run(() => Gemm.Sgemm(GemmTranspose.None, GemmTranspose.None, 4, 4, 3, 1, a, 3, b, 4, 0, c, 3)),
            "a" => Run(() => Gemm.Sgemm(GemmTranspose.None, GemmTranspose.None, 4, 4, 3, 1, a.AsSpan(0, 5), 3, b, 4, 0, c, 4)),
            _ => Run(() => Gemm.Sgemm(GemmTranspose.None, GemmTranspose.None, 2, 2, 2, 1, c.AsSpan(0, 4), 2, b, 2, 0, c.AsSpan(2, 4), 2)),
        };

        var error = Assert.ThrowsAny<ArgumentException>(Call);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.All(c, x => Assert.Equal(0f, x));   // nothing written
    }

    [Fact]
    public void Packing_buffers_come_from_the_workspace_only()
    {
        const int n = 256;
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        var context = new ExecutionContext { MaxDegreeOfParallelism = 1 };
        Gemm.Sgemm(n, n, n, a, b, c, context);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 4; i++) Gemm.Sgemm(n, n, n, a, b, c, context);
        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 4;
        Assert.True(perCall < 256, $"{perCall} bytes per call");
    }

    private static bool Run(Action action)
    {
        action();
        return true;
    }
}
