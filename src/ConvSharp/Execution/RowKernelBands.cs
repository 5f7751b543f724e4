namespace ConvSharp.Execution;

/// <summary>A band of output rows computed by <see cref="RowDriver"/> with kernel <typeparamref name="TKernel"/>.</summary>
internal readonly struct RowKernelBands<TKernel>(ConvolutionData data) : IRowBandOperation
    where TKernel : struct, IRowKernel
{
    private readonly ConvolutionData _data = data;

    public void Invoke(int start, int end) => RowDriver.RunRows(in _data, default(TKernel), start, end);

    /// <summary>Runs <typeparamref name="TKernel"/> over all output rows in parallel bands.</summary>
    public static void RunAll(in ConvolutionData data, int maxDegreeOfParallelism) =>
        ParallelRowIterator.For(data.OutputHeight, data.MultiplyAddsPerRow, maxDegreeOfParallelism, 1, new RowKernelBands<TKernel>(data));
}
