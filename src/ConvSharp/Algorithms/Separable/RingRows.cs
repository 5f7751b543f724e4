namespace ConvSharp.Algorithms.Separable;

/// <summary>A band's rings of intermediate rows (<see cref="SeparableRing"/>): rank r's row t in slot t mod the ring's rows.</summary>
internal readonly unsafe struct RingRows(float* slice, SeparableRing ring) : IIntermediateRows
{
    public float* Row(int rank, long row) => slice + (rank * ring.PlaneFloats) + ((row % ring.Rows) * ring.Pitch);
}
