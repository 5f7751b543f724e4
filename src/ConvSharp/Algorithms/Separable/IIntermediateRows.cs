namespace ConvSharp.Algorithms.Separable;

/// <summary>Where the column pass finds intermediate row <c>row</c> of rank <c>rank</c>: a strip's planes or a band's ring.</summary>
internal unsafe interface IIntermediateRows
{
    float* Row(int rank, long row);
}
