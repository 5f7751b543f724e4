using ConvSharp.Borders;

namespace ConvSharp.Execution;

/// <summary>
/// A preparation that can compute one tile of its problem from a buffer holding only the tile's part of the image (the
/// tile row source). The single-pass algorithms (Direct, Parallel, Simd, Stencil) and Separable are; the tiling issue
/// builds its executors on this.
/// </summary>
internal interface ITileExecution
{
    /// <summary>
    /// Computes the region <paramref name="outputRegion"/> of the whole output into <paramref name="output"/>, reading a
    /// tile buffer <paramref name="input"/> whose element (0, 0) is image row <paramref name="inputRow"/>, column
    /// <paramref name="inputColumn"/>. Each sample equals the whole-image result's, bit for bit.
    /// </summary>
    void ExecuteTile(ReadOnlyPlane2D input, int inputRow, int inputColumn, Plane2D output, TileRegion outputRegion, ExecutionContext context);
}
