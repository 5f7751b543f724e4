using System;
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

    protected internal override void Execute(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DProblem problem, int maxDegreeOfParallelism) =>
        ConvolutionRunner.Run(input, kernel, output, problem, 1, default(Body));

    private readonly unsafe struct Body : IConvolutionBody
    {
        // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(in ConvolutionData d, int maxDegreeOfParallelism)
        {
            int kh = d.KernelHeight, kw = d.KernelWidth, taps = kh * kw;
            var window = new float[taps];
            var products = new float[taps];
            for (int y = 0; y < d.OutputHeight; y++)
            {
                for (int x = 0; x < d.OutputWidth; x++)
                {
                    ExtractWindow(in d, y, x, window);
                    for (int t = 0; t < taps; t++) products[t] = window[t] * d.Kernel[t];
                    float sum = 0f;
                    foreach (float p in products) sum += p;
                    d.Output[(long)y * d.OutputPitch + x] = sum;
                }
            }
        }

        private static void ExtractWindow(in ConvolutionData d, int y, int x, Span<float> window)
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
