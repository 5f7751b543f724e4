using System.Runtime.CompilerServices;
using ConvSharp.Borders;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Naive;

/// <summary>
/// The notebook's first method: for every output sample, copy out the window under the kernel, multiply it elementwise
/// by the kernel and sum the products. No tricks; it is the teaching baseline and the benchmark's 1× row.
/// </summary>
internal sealed class NaiveConvolution : Conv2DAlgorithm
{
    public override string Name => "Naive";

    public override string Description => "Per-window copy, elementwise multiply, then sum: the notebook's first method.";

    public override bool Supports(Conv2DProblem problem, out string reason) =>
        Always("native: every window sample is mapped through the border", out reason);

    public override WorkspaceRequirement Workspace(Conv2DProblem problem, Conv2DOptions options) =>
        ConvolutionRunner.Requirement(problem, 1, 0, WindowFloats(problem));

    protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason) =>
        Prepared.Packed(problem, this, kernel, 0, default(Body), out reason, WindowFloats(problem), singleThread: true);

    /// <summary>The window and the products, kh·kw floats each, in the workspace.</summary>
    private static long WindowFloats(Conv2DProblem problem) => 2L * problem.KernelHeight * problem.KernelWidth;

    private readonly unsafe struct Body : IConvolutionBody
    {
        // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(in ConvolutionData d, ExecutionContext context)
        {
            int kh = d.KernelHeight, kw = d.KernelWidth, taps = kh * kw;
            float* window = d.BandScratch(0) + RowDriver.BandScratchFloats(in d, 0);
            float* products = window + taps;
            for (int y = 0; y < d.OutputHeight; y++)
            {
                for (int x = 0; x < d.OutputWidth; x++)
                {
                    ExtractWindow(in d, y, x, window);
                    for (int t = 0; t < taps; t++) products[t] = window[t] * d.Kernel[t];
                    float sum = 0f;
                    for (int t = 0; t < taps; t++) sum += products[t];
                    d.Output[(long)y * d.OutputPitch + x] = sum;
                }
            }
        }

        private static void ExtractWindow(in ConvolutionData d, int y, int x, float* window)
        {
            for (int i = 0; i < d.KernelHeight; i++)
            {
                int row = BorderIndex.Map((long)y * d.StrideY + (long)i * d.DilationY - d.AnchorY, d.InputHeight, d.BorderMode);
                for (int j = 0; j < d.KernelWidth; j++)
                {
                    int column = BorderIndex.Map((long)x * d.StrideX + (long)j * d.DilationX - d.AnchorX, d.InputWidth, d.BorderMode);
                    window[i * d.KernelWidth + j] = row < 0 || column < 0 ? d.FillValue : d.Input[(long)row * d.InputPitch + column];
                }
            }
        }
    }
}
