using System.Collections.Generic;

namespace ConvSharp.Peers;

/// <summary>The peers a benchmark runs beside ConvSharp, and the ones it deliberately does not.</summary>
public static class PeerCatalog
{
    /// <summary>Every peer adapter.</summary>
    public static IReadOnlyList<ConvolutionPeer> All { get; } = [new OpenCvFilter2DPeer(), new OpenCvSepFilter2DPeer()];

    /// <summary>Why ImageSharp has no row: its convolution cannot compute these problems.</summary>
    public const string ImageSharpNote =
        "ImageSharp: not compared; its convolution processors work on pixel vectors clamped to [0, 1] with replicate borders, so they cannot produce float32 results for any border mode";
}
