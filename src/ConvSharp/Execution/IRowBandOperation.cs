namespace ConvSharp.Execution;

/// <summary>Work over a band of output rows [start, end). A struct, so the parallel loop needs no closure per row.</summary>
internal interface IRowBandOperation
{
    void Invoke(int start, int end);
}
