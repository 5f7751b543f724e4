namespace ConvSharp.Cli.IO;

/// <summary>A dense row-major float32 matrix, as read from or written to .npy, .csv and image files.</summary>
/// <param name="Rows">Rows.</param>
/// <param name="Columns">Columns.</param>
/// <param name="Data">Rows·Columns samples, row-major.</param>
public sealed record Matrix(int Rows, int Columns, float[] Data)
{
    /// <summary>As a read-only plane for the library.</summary>
    public ReadOnlyPlane2D AsPlane() => new(Data, Rows, Columns);
}
