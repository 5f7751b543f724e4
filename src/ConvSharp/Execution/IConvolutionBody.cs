namespace ConvSharp.Execution;

/// <summary>The part of an algorithm that runs once its buffers are pinned, its kernel packed and its workspace rented.</summary>
internal interface IConvolutionBody
{
    void Run(in ConvolutionData data, ExecutionContext context);
}
