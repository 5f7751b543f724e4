using Xunit;

namespace ConvSharp.Peers.Tests;

/// <summary>A theory that is skipped, with the loader's reason and the fix, when OpenCV's native library cannot load.</summary>
public sealed class OpenCvTheoryAttribute : TheoryAttribute
{
    public OpenCvTheoryAttribute()
    {
        if (!new OpenCvFilter2DPeer().IsAvailable(out string why)) Skip = why;
    }
}
