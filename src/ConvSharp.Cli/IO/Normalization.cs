namespace ConvSharp.Cli.IO;

/// <summary>How float results map to PNG sample values.</summary>
public enum Normalization
{
    /// <summary>Linearly from [min, max] to the full range.</summary>
    MinMax,

    /// <summary>Values as they are, clipped to the range (0..255, or 0..65535 at 16 bits).</summary>
    Clip,

    /// <summary>|v| scaled so that max |v| is the top of the range (edge magnitudes).</summary>
    Abs,
}
