using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ConvSharp.Tests.Infrastructure;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>
/// Golden cases computed by scipy 1.10 itself (Golden/make_golden.py): signal.correlate2d/convolve2d in every mode and
/// boundary, ndimage.correlate/convolve in every mode with origins. The scipy parameters are mapped to ConvSharp options
/// here, exactly as docs/semantics.md documents, and every algorithm must reproduce scipy bit for bit on this integer data.
/// </summary>
public class ScipyGoldenTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Golden");
    private static readonly Lazy<NpzArchive> Arrays = new(() => new NpzArchive(Path.Combine(Folder, "golden.npz")));
    private static readonly Lazy<Dictionary<string, JsonElement>> Manifest = new(LoadManifest);

    public static IEnumerable<object[]> CaseNames() => Manifest.Value.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_algorithm_reproduces_scipy(string name)
    {
        var testCase = Manifest.Value[name];
        var (h, w, input) = Arrays.Value[testCase.GetProperty("input").GetString()!];
        var (kh, kw, kernel) = Arrays.Value[testCase.GetProperty("kernel").GetString()!];
        var (oh, ow, expected) = Arrays.Value[name];
        var options = ToOptions(testCase, kh, kw);
        string description = $"{name} {testCase}";

        var problem = Conv2DProblem.Create(h, w, kh, kw, options);
        foreach (var algorithm in Conv2D.Algorithms)
        {
            // Separable factors these small kernels at rank ≤ 3: exactly (bit for bit) where they are integer rank-1
            // (the 1×k and k×1 ones), else within its own bound.
            if (!algorithm.Supports(problem, out _)) continue;
            double tolerance;
            using (var prepared = ConformanceCheck.TryPrepare(algorithm, problem, ToFloat(kernel), out _))
            {
                if (prepared is null) continue;
                tolerance = prepared.IsExact ? 0 : prepared.ErrorBound(input.Max(Math.Abs));
            }

            var actual = Conv2D.Apply(ToFloat(input), h, w, ToFloat(kernel), kh, kw, options with { Algorithm = algorithm.Name }, out int rows, out int columns);
            Assert.True((rows, columns) == (oh, ow), $"{algorithm.Name} {description}: shape {rows}x{columns}, scipy {oh}x{ow}");
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{algorithm.Name} {description}: out[{i / ow},{i % ow}] = {actual[i]}, scipy {expected[i]} (tolerance {tolerance})");
        }
    }

    /// <summary>
    /// The separable cases (binomial 5×5, Sobel, an integer outer product 4×6, a rank-2 5×5) through Separable: the
    /// rank-1 ones must be prepared with exact integer factors and so match scipy bit for bit (checked above); the
    /// rank-2 one within its bound.
    /// </summary>
    [Fact]
    public void Separable_takes_the_two_dimensional_separable_cases_exactly_where_rank_one()
    {
        var separable = Conv2D.FindAlgorithm("Separable")!;
        int exact = 0, bounded = 0;
        foreach (var testCase in Manifest.Value.Values)
        {
            var (h, w, _) = Arrays.Value[testCase.GetProperty("input").GetString()!];
            var (kh, kw, kernel) = Arrays.Value[testCase.GetProperty("kernel").GetString()!];
            if ((h, w) != (13, 17)) continue;   // the separable cases' image
            var problem = Conv2DProblem.Create(h, w, kh, kw, ToOptions(testCase, kh, kw));
            using var prepared = ConformanceCheck.TryPrepare(separable, problem, ToFloat(kernel), out string why);
            if (prepared is null) continue;
            if (prepared.IsExact) exact++;
            else bounded++;
        }

        Assert.True(exact >= 3 * 28, $"only {exact} exact separable cases");
        Assert.True(bounded >= 28, $"only {bounded} rank-2 cases");
    }

    [Fact]
    public void Golden_set_covers_every_scipy_mode()
    {
        var cases = Manifest.Value.Values.ToList();
        foreach (var boundary in new[] { "fill", "wrap", "symm" })
            Assert.Contains(cases, c => c.TryGetProperty("boundary", out var b) && b.GetString() == boundary);
        foreach (var mode in new[] { "reflect", "mirror", "nearest", "wrap", "constant", "full", "same", "valid" })
            Assert.Contains(cases, c => c.GetProperty("mode").GetString() == mode);
        Assert.Contains(cases, c => c.TryGetProperty("origin", out var o) && o.EnumerateArray().Any(v => v.GetInt32() != 0));
        Assert.True(cases.Count >= 300);
    }

    /// <summary>The documented scipy → ConvSharp mapping.</summary>
    internal static Conv2DOptions ToOptions(JsonElement c, int kh, int kw)
    {
        string func = c.GetProperty("func").GetString()!;
        string mode = c.GetProperty("mode").GetString()!;
        bool convolve = func.EndsWith("convolve2d", StringComparison.Ordinal) || func.EndsWith("convolve", StringComparison.Ordinal);
        var kind = convolve ? ConvolutionKind.Convolution : ConvolutionKind.Correlation;
        if (func.StartsWith("signal.", StringComparison.Ordinal))
        {
            float fill = (float)c.GetProperty("fillvalue").GetDouble();
            return new Conv2DOptions
            {
                Kind = kind,
                Size = mode switch { "full" => OutputSize.Full, "valid" => OutputSize.Valid, _ => OutputSize.Same },
                Border = c.GetProperty("boundary").GetString() switch { "wrap" => Border.Wrap, "symm" => Border.Reflect, _ => Border.Constant(fill) },
            };
        }

        var origin = c.GetProperty("origin").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        float cval = (float)c.GetProperty("cval").GetDouble();
        // ndimage: correlate centres the kernel at k/2 + origin; convolve flips it, which puts the anchor of the flipped kernel at (k−1)/2 − origin.
        (int, int) anchor = convolve ? ((kh - 1) / 2 - origin[0], (kw - 1) / 2 - origin[1]) : (kh / 2 + origin[0], kw / 2 + origin[1]);
        return new Conv2DOptions
        {
            Kind = kind,
            Size = OutputSize.Same,
            Anchor = anchor,
            Border = mode switch
            {
                "reflect" => Border.Reflect,
                "mirror" => Border.Reflect101,
                "nearest" => Border.Replicate,
                "wrap" => Border.Wrap,
                _ => Border.Constant(cval),
            },
        };
    }

    private static float[] ToFloat(double[] data) => data.Select(v => (float)v).ToArray();

    private static Dictionary<string, JsonElement> LoadManifest()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone(), StringComparer.Ordinal);
    }
}
