namespace ConvSharp.Algorithms.Separable;

/// <summary>A strip's intermediate planes: rank r's row t at planes + r·planeFloats + t·pitch.</summary>
internal readonly unsafe struct StripRows(float* planes, long planeFloats, long pitch) : IIntermediateRows
{
    public float* Row(int rank, long row) => planes + (rank * planeFloats) + (row * pitch);
}
