using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using ConvSharp.Binary;
using ConvSharp.Tests.Infrastructure;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>XNOR-Net's binary convolution: the definition on hand-worked cases, every algorithm against the reference, the API's checks.</summary>
public class BinaryTests
{
    public static TheoryData<int> Chunks() => new(Enumerable.Range(0, 4));

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Random_problems_count_exactly_and_scale_within_the_bound(int chunk)
    {
        var failures = BinaryCases.Check(seed: 500 + chunk, count: 40);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [InlineData(BinaryPadding.Zero, 4, 4)]        // only the four taps inside count
    [InlineData(BinaryPadding.MinusOne, -1, 4)]   // five taps outside read −1 against +1 weights: 4 − 5
    [InlineData(BinaryPadding.PlusOne, 9, 4)]
    public void A_corner_counts_by_the_padding(BinaryPadding padding, int cornerCount, int cornerInside)
    {
        var image = Enumerable.Repeat(2f, 9).ToArray();     // every sign +1, |I| = 2
        var kernel = Enumerable.Repeat(0.5f, 9).ToArray();  // every sign +1, α = 0.5
        var options = new BinaryConv2DOptions { Padding = padding };
        foreach (var algorithm in BinaryConv2D.Algorithms)
        {
            var problem = BinaryConv2DProblem.Create(3, 3, 3, 3, options);
            var prepared = algorithm.Prepare(problem, new ReadOnlyPlane2D(kernel, 3, 3));
            var counts = new int[9];
            prepared.ComputeCounts(new ReadOnlyPlane2D(image, 3, 3), counts);
            Assert.Equal(cornerCount, counts[0]);
            Assert.Equal(padding == BinaryPadding.Zero ? 9 : 9, counts[4]);
            var output = new float[9];
            prepared.Execute(new ReadOnlyPlane2D(image, 3, 3), new Plane2D(output, 3, 3));

            // K at the corner: four |2| inside, divided by all nine taps; α = 0.5.
            Assert.Equal(cornerCount * (cornerInside * 2.0 / 9) * 0.5, output[0], 5);
        }
    }

    [Fact]
    public void Bit_packing_round_trips_at_every_size_from_1_to_130()
    {
        var random = new Random(3);
        for (int taps = 1; taps <= 130; taps++)
        {
            var layout = new BitpackLayout(taps);
            int windows = random.Next(1, 20);
            var bits = Enumerable.Range(0, windows * taps).Select(_ => (byte)random.Next(2)).ToArray();
            var words = new ulong[layout.Words(windows)];
            layout.Pack(bits, windows, words);
            var back = new byte[bits.Length];
            layout.Unpack(words, windows, back);
            Assert.Equal(bits, back);
            Assert.Equal(words, PackTapMajor(layout, bits, windows, taps));

            // Every bit a window owns is in its slot masks; nothing else is set.
            ulong used = 0;
            for (int k = 0; k < layout.WindowsPerWord; k++) used |= layout.SlotMask(k, 0);
            Assert.All(words, w => Assert.Equal(0UL, w & ~(layout.WordsPerWindow > 1 ? ulong.MaxValue : used)));
            if (taps == 9) Assert.Equal(7, layout.WindowsPerWord);   // the notebook's 7 windows of 9 bits
        }
    }

    /// <summary>The same bits laid out tap-major (as the binarised panel holds them), packed by <see cref="BitpackLayout.PackTapMajor"/>.</summary>
    private static unsafe ulong[] PackTapMajor(BitpackLayout layout, byte[] windowMajor, int windows, int taps)
    {
        var tapMajor = new byte[windowMajor.Length];
        for (int w = 0; w < windows; w++)
        {
            for (int t = 0; t < taps; t++) tapMajor[(t * windows) + w] = windowMajor[(w * taps) + t];
        }

        var words = new ulong[layout.Words(windows)];
        fixed (byte* bits = tapMajor)
        fixed (ulong* target = words)
        {
            layout.PackTapMajor(bits, windows, windows, target);
        }

        return words;
    }

    [Fact]
    public void The_three_forms_of_k_agree_with_the_definition()
    {
        var random = new Random(8);
        for (int trial = 0; trial < 30; trial++)
        {
            int h = random.Next(1, 40), w = random.Next(1, 90), kh = random.Next(1, 6), kw = random.Next(1, 6);
            var options = new BinaryConv2DOptions { Stride = (random.Next(1, 3), random.Next(1, 3)), Dilation = (random.Next(1, 3), random.Next(1, 3)) };
            BinaryConv2DProblem problem;
            try
            {
                problem = BinaryConv2DProblem.Create(h, w, kh, kw, options);
            }
            catch (ArgumentException)
            {
                continue;
            }

            var data = Enumerable.Range(0, h * w).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            var image = new ReadOnlyPlane2D(data, h, w);
            var kernel = new ReadOnlyPlane2D(new float[kh * kw], kh, kw);
            var g = problem.Geometry;
            foreach (var form in Enum.GetValues<WindowMeanForm>())
            {
                var k = new float[g.OutputHeight * g.OutputWidth];
                BinaryConv2D.WindowMeans(image, problem, form, k, new ExecutionContext { MaxDegreeOfParallelism = 3, MinimumWorkPerBand = 1 });
                for (int i = 0; i < k.Length; i++)
                {
                    double exact = BinaryCases.ReferenceAt(problem, kernel, image, i / g.OutputWidth, i % g.OutputWidth).K;
                    Assert.True(Math.Abs(k[i] - exact) <= ((problem.Taps + 2) * Math.Pow(2, -23) * exact) + 1e-30, $"{form} on {problem}: K[{i}] = {k[i]}, exact {exact}");
                }
            }
        }
    }

    [Fact]
    public void The_full_adder_gives_each_bits_sum_and_carry()
    {
        // On AVX-512 machines BitSum runs vpternlogq with two control bytes; this checks them against the bit counts.
        var random = new Random(9);
        for (int trial = 0; trial < 64; trial++)
        {
            ulong[] a = Words(random), b = Words(random), c = Words(random);
            var sum = BitSum.Full(Vector256.Create(a), Vector256.Create(b), Vector256.Create(c), out var carry);
            for (int bit = 0; bit < 256; bit++)
            {
                int w = bit >> 6, s = bit & 63;
                ulong total = ((a[w] >> s) & 1) + ((b[w] >> s) & 1) + ((c[w] >> s) & 1);
                Assert.Equal(total & 1, (sum.GetElement(w) >> s) & 1);
                Assert.Equal(total >> 1, (carry.GetElement(w) >> s) & 1);
            }
        }

        static ulong[] Words(Random random) => [.. Enumerable.Range(0, 4).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40))];
    }

    [Fact]
    public unsafe void Set_bit_lists_hold_every_set_position_in_order()
    {
        // With AVX-512 VBMI2 the list is one vpcompressb; elsewhere (the tier runs) a byte table. Both against the bits.
        var random = new Random(5);
        var words = new List<ulong> { 0, ulong.MaxValue, 1, 1UL << 63, 0x8000000000000001UL, 0x00FF00FF00FF00FFUL };
        for (int trial = 0; trial < 200; trial++) words.Add((ulong)random.NextInt64() ^ ((ulong)random.Next() << 33) & ((ulong)random.NextInt64() | (ulong)random.NextInt64()));
        byte* list = stackalloc byte[PixelBitLists.SegmentBytes];
        foreach (ulong word in words)
        {
            int count = SetBitList.Write(word, list);
            var expected = Enumerable.Range(0, 64).Where(bit => ((word >> bit) & 1) != 0).Select(bit => (byte)bit).ToArray();
            Assert.Equal(expected.Length, count);
            Assert.Equal(expected, new ReadOnlySpan<byte>(list, count).ToArray());
        }
    }

    [Fact]
    public void Zero_binarises_to_minus_one()
    {
        var problem = BinaryConv2DProblem.Create(4, 70, 1, 1);
        var kernel = new ReadOnlyPlane2D(new[] { 1f }, 1, 1);
        foreach (var algorithm in BinaryConv2D.Algorithms)
        {
            var counts = new int[4 * 70];
            algorithm.Prepare(problem, kernel).ComputeCounts(new ReadOnlyPlane2D(new float[4 * 70], 4, 70), counts);
            Assert.All(counts, c => Assert.Equal(-1, c));
        }
    }

    [Fact]
    public void Auto_takes_the_bitsliced_path_and_says_why_not_elsewhere()
    {
        Assert.Equal("xnor-bitsliced", BinaryConv2D.AlgorithmFor(BinaryConv2DProblem.Create(1024, 1024, 3, 3)).Name);
        var strided = BinaryConv2DProblem.Create(64, 64, 3, 3, new BinaryConv2DOptions { Stride = (2, 2) });
        Assert.Equal("xnor-seed", BinaryConv2D.AlgorithmFor(strided).Name);
        Assert.Contains("horizontal stride 1 only", BinaryConv2D.Explain(strided), StringComparison.Ordinal);
        Assert.EndsWith("_xnor_minus-one", BinaryConv2DProblem.Create(8, 8, 3, 3, new BinaryConv2DOptions { Padding = BinaryPadding.MinusOne }).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter_and_value()
    {
        var full = Assert.Throws<ArgumentOutOfRangeException>(() => BinaryConv2DProblem.Create(8, 8, 3, 3, new BinaryConv2DOptions { Size = OutputSize.Full }));
        Assert.Equal("options.Size", full.ParamName);
        var unknown = Assert.Throws<ArgumentException>(() => BinaryConv2D.AlgorithmFor(BinaryConv2DProblem.Create(8, 8, 3, 3), new BinaryConv2DOptions { Algorithm = "xnor-magic" }));
        Assert.Contains("xnor-magic", unknown.Message, StringComparison.Ordinal);
        var problem = BinaryConv2DProblem.Create(8, 8, 3, 3);
        var shape = Assert.Throws<ArgumentException>(() => BinaryConv2D.Algorithms[0].Prepare(problem, new ReadOnlyPlane2D(new float[4], 2, 2)));
        Assert.Equal("kernel", shape.ParamName);
        var prepared = BinaryConv2D.Algorithms[0].Prepare(problem, new ReadOnlyPlane2D(new float[9], 3, 3));
        var output = Enumerable.Repeat(7f, 49).ToArray();
        Assert.Throws<ArgumentException>(() => prepared.Execute(new ReadOnlyPlane2D(new float[64], 8, 8), new Plane2D(output, 7, 7)));
        Assert.All(output, v => Assert.Equal(7f, v));   // nothing written
    }
}
