namespace ConvSharp.Execution;

/// <summary>The part of an algorithm that runs once its buffers are pinned and its kernel packed.</summary>
internal interface IConvolutionBody
{
    void Run(in ConvolutionData data, int maxDegreeOfParallelism);
}
