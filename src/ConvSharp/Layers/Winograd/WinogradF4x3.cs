using System;

namespace ConvSharp.Layers.Winograd;

/// <summary>
/// The transforms of Winograd's F(4×4, 3×3): a 4 × 4 output tile from a 6 × 6 input tile as
/// Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A, 36 multiplications where the direct way takes 144. Built by Toom-Cook at the points
/// {0, ±5/8, ±3/2, ∞}, which oneDNN uses: their transforms amplify rounding about 5× less than Lavin's {0, ±1, ±2, ∞}
/// (<see cref="Amplification"/>: 175 against 860).
/// </summary>
/// <remarks>
/// <para>Bᵀ is the inverse of the points' Vandermonde matrix, transposed; each of its rows is scaled (and G's row by the
/// inverse) so that every entry of Bᵀ and Aᵀ is a short binary fraction, exact in float32: the data transforms round only
/// their sums. G is applied in double, once per weight set, and rounded once.</para>
/// <para>Rows of Bᵀ (applied to d₀ … d₅): (225/64, 0, −169/16, 0, 4, 0), (0, 45/8, 9, −5/2, −4, 0),
/// (0, −45/8, 9, 5/2, −4, 0), (0, −75/16, −25/8, 12, 8, 0), (0, 75/16, −25/8, −12, 8, 0), (0, 225/64, 0, −169/16, 0, 4).
/// Rows of Aᵀ: (1, 1, 1, 1, 1, 0), (0, 5/8, −5/8, 3/2, −3/2, 0), (0, 25/64, 25/64, 9/4, 9/4, 0),
/// (0, 125/512, −125/512, 27/8, −27/8, 1).</para>
/// </remarks>
internal static class WinogradF4x3
{
    /// <summary>Output tile side, m.</summary>
    public const int TileOutput = 4;

    /// <summary>Input tile side, m + r − 1.</summary>
    public const int TileInput = 6;

    /// <summary>Transform points per tile, 6 × 6.</summary>
    public const int Points = TileInput * TileInput;

    /// <summary>
    /// Roundings on the longest path through one output besides the channel sum: 3 + 3 in the input transform, 1 for the
    /// weights' rounding to float, 4 + 4 in the output transform, 1 for the bias, and 4 to spare. The channel sum adds one
    /// per input channel of the group.
    /// </summary>
    public const int RoundingsBeyondChannelSum = 20;

    /// <summary>Bᵀ, 6 × 6, as documented above (row-major).</summary>
    public static ReadOnlySpan<double> InputTransform =>
    [
        225.0 / 64, 0, -169.0 / 16, 0, 4, 0,
        0, 45.0 / 8, 9, -5.0 / 2, -4, 0,
        0, -45.0 / 8, 9, 5.0 / 2, -4, 0,
        0, -75.0 / 16, -25.0 / 8, 12, 8, 0,
        0, 75.0 / 16, -25.0 / 8, -12, 8, 0,
        0, 225.0 / 64, 0, -169.0 / 16, 0, 4,
    ];

    /// <summary>Aᵀ, 4 × 6 (row-major).</summary>
    public static ReadOnlySpan<double> OutputTransform =>
    [
        1, 1, 1, 1, 1, 0,
        0, 5.0 / 8, -5.0 / 8, 3.0 / 2, -3.0 / 2, 0,
        0, 25.0 / 64, 25.0 / 64, 9.0 / 4, 9.0 / 4, 0,
        0, 125.0 / 512, -125.0 / 512, 27.0 / 8, -27.0 / 8, 1,
    ];

    /// <summary>
    /// G, 6 × 3: row i is (1, pᵢ, pᵢ²) for the finite points and (0, 0, 1) for ∞, divided by the scale that made row i of
    /// Bᵀ short: 225/64, 2975/512 (twice), 1071/16 (twice), 4.
    /// </summary>
    public static ReadOnlySpan<double> WeightTransform =>
    [
        64.0 / 225, 0, 0,
        512.0 / 2975, 512.0 / 2975 * 5 / 8, 512.0 / 2975 * 25 / 64,
        512.0 / 2975, -512.0 / 2975 * 5 / 8, 512.0 / 2975 * 25 / 64,
        16.0 / 1071, 16.0 / 1071 * 3 / 2, 16.0 / 1071 * 9 / 4,
        16.0 / 1071, -16.0 / 1071 * 3 / 2, 16.0 / 1071 * 9 / 4,
        0, 0, 1.0 / 4,
    ];

    /// <summary>
    /// K = the largest entry of |Aᵀ| (|G e_a e_bᵀ Gᵀ| ⊙ (|Bᵀ|𝟙)(|Bᵀ|𝟙)ᵀ) |A| over the nine single taps (a, b): how much a
    /// rounding anywhere in the pipeline can be worth, per unit of Σ|w|·max|x|. About 175.4.
    /// </summary>
    public static double Amplification { get; } = ComputeAmplification();

    /// <summary>
    /// The error bound per unit of Σ|w|·max|x| (Σ over the output channel's group of input channels and its nine taps):
    /// γₙ·K with n = <paramref name="groupInputChannels"/> + <see cref="RoundingsBeyondChannelSum"/> roundings and
    /// γₙ = n·u / (1 − n·u), u = 2⁻²⁴ (float32, round to nearest). Holds with or without fused multiply-adds.
    /// </summary>
    public static double RelativeBound(int groupInputChannels)
    {
        double nu = (groupInputChannels + (double)RoundingsBeyondChannelSum) * Math.Pow(2, -24);
        return nu / (1 - nu) * Amplification;
    }

    /// <summary>U = G g Gᵀ for one 3 × 3 filter <paramref name="g"/>, in double, rounded once into the 36 floats of <paramref name="u"/>.</summary>
    public static void TransformWeights(ReadOnlySpan<float> g, Span<float> u)
    {
        var gm = WeightTransform;
        Span<double> half = stackalloc double[TileInput * 3];   // G g: 6 × 3
        for (int i = 0; i < TileInput; i++)
        {
            for (int b = 0; b < 3; b++)
            {
                double sum = 0;
                for (int a = 0; a < 3; a++) sum += gm[(i * 3) + a] * g[(a * 3) + b];
                half[(i * 3) + b] = sum;
            }
        }

        for (int i = 0; i < TileInput; i++)
        {
            for (int j = 0; j < TileInput; j++)
            {
                double sum = 0;
                for (int b = 0; b < 3; b++) sum += half[(i * 3) + b] * gm[(j * 3) + b];
                u[(i * TileInput) + j] = (float)sum;
            }
        }
    }

    private static double ComputeAmplification()
    {
        var bt = InputTransform;
        var at = OutputTransform;
        var gm = WeightTransform;
        Span<double> rowSums = stackalloc double[TileInput];
        for (int i = 0; i < TileInput; i++)
        {
            double sum = 0;
            for (int k = 0; k < TileInput; k++) sum += Math.Abs(bt[(i * TileInput) + k]);
            rowSums[i] = sum;
        }

        double worst = 0;
        for (int a = 0; a < 3; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                for (int y = 0; y < TileOutput; y++)
                {
                    for (int x = 0; x < TileOutput; x++)
                    {
                        double sum = 0;
                        for (int i = 0; i < TileInput; i++)
                        {
                            for (int j = 0; j < TileInput; j++)
                            {
                                sum += Math.Abs(at[(y * TileInput) + i]) * Math.Abs(gm[(i * 3) + a]) * rowSums[i]
                                    * Math.Abs(gm[(j * 3) + b]) * rowSums[j] * Math.Abs(at[(x * TileInput) + j]);
                            }
                        }

                        worst = Math.Max(worst, sum);
                    }
                }
            }
        }

        return worst;
    }
}
