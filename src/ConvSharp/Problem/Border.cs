using System;
using System.Globalization;

namespace ConvSharp;

/// <summary>A border mode together with the fill value that <see cref="BorderMode.Constant"/> uses.</summary>
/// <param name="Mode">How samples outside the input are made up.</param>
/// <param name="Value">The fill value; only <see cref="BorderMode.Constant"/> reads it.</param>
public readonly record struct Border(BorderMode Mode, float Value = 0f)
{
    /// <summary>Constant fill with <paramref name="value"/> (scipy <c>fill</c> with <c>fillvalue</c>, ndimage <c>cval</c>).</summary>
    public static Border Constant(float value = 0f) => new(BorderMode.Constant, value);

    /// <summary>Repeat the edge sample.</summary>
    public static Border Replicate => new(BorderMode.Replicate);

    /// <summary>Mirror including the edge sample (scipy <c>symm</c>).</summary>
    public static Border Reflect => new(BorderMode.Reflect);

    /// <summary>Mirror about the edge sample (ndimage <c>mirror</c>).</summary>
    public static Border Reflect101 => new(BorderMode.Reflect101);

    /// <summary>Periodic extension.</summary>
    public static Border Wrap => new(BorderMode.Wrap);

    /// <summary>The canonical token used in problem strings: <c>constant0</c>, <c>replicate</c>, <c>reflect</c>, <c>reflect101</c>, <c>wrap</c>.</summary>
    public override string ToString() => Mode switch
    {
        BorderMode.Constant => "constant" + Value.ToString("R", CultureInfo.InvariantCulture),
        BorderMode.Replicate => "replicate",
        BorderMode.Reflect => "reflect",
        BorderMode.Reflect101 => "reflect101",
        BorderMode.Wrap => "wrap",
        _ => throw new InvalidOperationException($"Unknown border mode {(int)Mode}."),
    };
}
