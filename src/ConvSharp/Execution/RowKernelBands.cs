namespace ConvSharp.Execution;

/// <summary>A band of output rows computed by <see cref="RowDriver"/> with the row kernel <paramref name="kernel"/>.</summary>
internal readonly struct RowKernelBands<TKernel>(ConvolutionData data, TKernel kernel) : IRowBandOperation
    where TKernel : struct, IRowKernel
{
    private readonly ConvolutionData _data = data;
    private readonly TKernel _kernel = kernel;

    public unsafe void Invoke(int band, int start, int end) => RowDriver.RunRows(in _data, _kernel, start, end, _data.BandScratch(band));

    /// <summary>Runs <paramref name="kernel"/> over all output rows in parallel bands.</summary>
    public static void RunAll(in ConvolutionData data, TKernel kernel, ExecutionContext context) =>
        ParallelRowIterator.For(data.OutputHeight, data.MultiplyAddsPerRow, context, 1, new RowKernelBands<TKernel>(data, kernel));
}
