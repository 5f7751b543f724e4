using OpenCvSharp;

namespace ConvSharp.Peers;

/// <summary>OpenCV's process-wide thread count, set before each peer row so <c>--threads 1</c> compares one core with one core.</summary>
internal static class OpenCvThreads
{
    /// <summary><paramref name="threads"/> threads, or OpenCV's default (all cores) for −1.</summary>
    public static void Set(int threads) => Cv2.SetNumThreads(threads < 1 ? -1 : threads);
}
