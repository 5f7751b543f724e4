using System;
using System.Collections.Generic;
using ConvSharp.GemmKernels;

namespace ConvSharp.Tests.Infrastructure;

/// <summary>The SGEMM's conformance table: every dimension 1 .. 70 against random others, every transpose pair, scalars and leading dimensions, and blockings small enough that small matrices cross every block.</summary>
internal static class GemmCases
{
    private static readonly (float Alpha, float Beta)[] Scalars = [(1, 0), (1, 1), (2, -0.5f), (0, 0.5f), (-0.5f, 0), (1, 2), (0, 0)];

    private static readonly GemmTranspose[] Transposes = [GemmTranspose.None, GemmTranspose.Transpose];

    /// <summary>Each of m, n and k over 1 .. 70 with the other two random in 1 .. 70; transposes, scalars and slack rotate.</summary>
    public static IEnumerable<GemmCase> Sweep()
    {
        var random = new Random(2026);
        int index = 0;
        for (int d = 1; d <= 70; d++)
        {
            for (int axis = 0; axis < 3; axis++, index++)
            {
                int m = axis == 0 ? d : random.Next(1, 71), n = axis == 1 ? d : random.Next(1, 71), k = axis == 2 ? d : random.Next(1, 71);
                var (alpha, beta) = Scalars[index % Scalars.Length];
                yield return new GemmCase(
                    Transposes[index % 2], Transposes[(index / 2) % 2], m, n, k, alpha, beta,
                    random.Next(0, 4), random.Next(0, 4), random.Next(0, 4), Integers: true, Seed: index);
            }
        }
    }

    /// <summary>Blocks of 12 × 8 × 32 (the tier's MR and NR permitting), so 1 .. 70 crosses every loop's edge, on 1 and 3 threads.</summary>
    public static IEnumerable<GemmCase> SmallBlocks()
    {
        var (mr, nr) = GemmDriver.ActiveTile;
        var blocks = new GemmBlocking(2 * mr, 8, 2 * nr);
        var random = new Random(7);
        for (int i = 0; i < 48; i++)
        {
            var (alpha, beta) = Scalars[i % Scalars.Length];
            yield return new GemmCase(
                Transposes[i % 2], Transposes[(i / 2) % 2], random.Next(1, 71), random.Next(1, 71), random.Next(1, 71), alpha, beta,
                random.Next(0, 3), random.Next(0, 3), random.Next(0, 3), Integers: i % 3 != 2, Seed: 100 + i, Threads: 1 + (2 * (i % 2)), Blocking: blocks);
        }
    }

    /// <summary>The default blocking at sizes past one block in every dimension, and real-valued data.</summary>
    public static IEnumerable<GemmCase> Large()
    {
        yield return new GemmCase(GemmTranspose.None, GemmTranspose.None, 301, 213, 517, 1, 0, 0, 0, 0, Integers: true, Seed: 1, Threads: 3);
        yield return new GemmCase(GemmTranspose.Transpose, GemmTranspose.Transpose, 199, 4133, 35, 1, 1, 1, 2, 3, Integers: true, Seed: 2, Threads: 2);
        yield return new GemmCase(GemmTranspose.None, GemmTranspose.Transpose, 97, 150, 300, 0.75f, -1, 0, 0, 5, Integers: false, Seed: 3, Threads: 2);
        yield return new GemmCase(GemmTranspose.Transpose, GemmTranspose.None, 1, 5000, 300, 1, 0, 3, 0, 0, Integers: false, Seed: 4, Threads: 2);
    }

    /// <summary>A packed in advance (what layers do with their weights): edges of every block, several depth blocks, 1 and 3 threads.</summary>
    public static IEnumerable<GemmCase> PackedA()
    {
        var random = new Random(11);
        var (mr, nr) = GemmDriver.ActiveTile;
        int kc = GemmBlocking.For(mr, nr).KC;
        int[] depths = [1, 7, kc - 1, kc, kc + 1, 2 * kc, (2 * kc) + 1, (2 * kc) + 3];   // one depth block up to 2·kc (GemmBlocking.PackedADepth), then kc each
        for (int i = 0; i < 18; i++)
        {
            var (alpha, beta) = Scalars[i % Scalars.Length];
            int m = i % 3 == 0 ? random.Next(190, 400) : random.Next(1, 40), n = i % 4 == 0 ? random.Next(300, 1200) : random.Next(1, 70);
            yield return new GemmCase(
                GemmTranspose.None, Transposes[i % 2], m, n, depths[i % depths.Length], alpha, beta,
                0, random.Next(0, 3), random.Next(0, 3), Integers: i % 3 != 1, Seed: 300 + i, Threads: 1 + (2 * (i % 2)), PackedA: true);
        }
    }

    /// <summary>
    /// Products through B packed in advance and A read in place (a channels-last 1×1 layer): row counts that leave every
    /// short last strip, columns past whole strips, depths on both sides of one block, slack in A's rows, 1 and 3 threads.
    /// </summary>
    public static IEnumerable<GemmCase> PackedBStridedA()
    {
        var random = new Random(12);
        var (mr, nr) = GemmDriver.ActiveTile;
        int kc = GemmBlocking.For(mr, nr).KC;
        int[] depths = [1, 5, kc, (2 * kc) + 1, 2 * kc, kc + 3];
        for (int i = 0; i < 18; i++)
        {
            var (alpha, beta) = Scalars[i % Scalars.Length];
            int m = i % 3 == 0 ? random.Next(190, 800) : random.Next(1, 40), n = i % 4 == 0 ? random.Next(100, 300) : random.Next(1, 70);
            yield return new GemmCase(
                GemmTranspose.None, Transposes[i % 2], m, n, depths[i % depths.Length], alpha, beta,
                random.Next(0, 3), random.Next(0, 3), random.Next(0, 3), Integers: i % 3 != 1, Seed: 400 + i, Threads: 1 + (2 * (i % 2)), PackedB: true);
        }
    }

    public static IEnumerable<GemmCase> All()
    {
        foreach (var c in PackedA()) yield return c;
        foreach (var c in PackedBStridedA()) yield return c;
        foreach (var c in Sweep()) yield return c;
        foreach (var c in SmallBlocks()) yield return c;
        foreach (var c in Large()) yield return c;
    }
}
