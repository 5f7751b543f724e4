namespace ConvSharp;

/// <summary>The extent of the output, exactly as scipy.signal's <c>mode</c> argument defines it.</summary>
public enum OutputSize
{
    /// <summary>Every position where the kernel overlaps the input: H + KH − 1 rows at stride 1, KH being the dilated kernel height.</summary>
    Full,

    /// <summary>The same size as the input (H rows at stride 1), centred on <see cref="Full"/> or placed by an explicit anchor.</summary>
    Same,

    /// <summary>Only positions where the kernel lies wholly inside the input: H − KH + 1 rows at stride 1.</summary>
    Valid,
}
