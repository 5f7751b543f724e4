using System;
using System.Diagnostics;
using System.Runtime.Intrinsics;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Borders;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// A kernel factored into R separable terms, run strip by strip: the row pass convolves every virtual input row a strip
/// reads with each v_r (borders in x applied as always, rows outside the image taken through the border map, Constant
/// rows from the fill row) into intermediate plane r; the column pass then combines the planes with the u_r.
/// </summary>
internal sealed unsafe class PreparedSeparable : PreparedConvolution, ITileExecution
{
    private readonly SeparableFactors _factors;
    private readonly float[] _columnTaps;
    /// <summary>The R row factors end to end (R·kw), pinned once per call by both forms.</summary>
    private readonly float[] _rowTaps;
    private readonly long _capBytes;

    public PreparedSeparable(Conv2DProblem problem, Conv2DAlgorithm algorithm, SeparableFactors factors, long capBytes)
        : base(problem, algorithm)
    {
        _factors = factors;
        _capBytes = capBytes;
        int kh = problem.KernelHeight;
        _columnTaps = new float[factors.Rank * kh];
        for (int r = 0; r < factors.Rank; r++) factors.Columns[r].CopyTo(_columnTaps, r * kh);
        int kw = problem.KernelWidth;
        _rowTaps = new float[factors.Rank * kw];
        for (int r = 0; r < factors.Rank; r++) factors.Rows[r].CopyTo(_rowTaps, r * kw);
    }

    public int Rank => _factors.Rank;

    /// <summary>True when the factors reproduce the kernel exactly in integers: bit-exact on small-integer data.</summary>
    public override bool IsExact => _factors.Exact;

    /// <summary>
    /// Both passes round: (kh + kw + R + 1)·2⁻²³·Σ_r(Σ|u_r|)(Σ|v_r|)·M, plus the part of the kernel the factors miss,
    /// Σ|K − Σ u_r v_rᵀ|·M, where M = max(max|x|, |fill|).
    /// </summary>
    public override double ErrorBound(double maxAbsInput)
    {
        double m = Math.Max(maxAbsInput, Math.Abs((double)Problem.Border.Value));
        double roundings = Problem.KernelHeight + Problem.KernelWidth + Rank + 1;
        return ((roundings * Math.Pow(2, -23) * _factors.FactorAbsSum) + _factors.ResidualAbsSum) * m;
    }

    protected override void ExecuteCore(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context)
    {
        if (UsesRing(Problem, Rank, context.Threads, _capBytes))
        {
            RunRing(input, output, context);
            return;
        }

        Run(input, 0, 0, output, new TileRegion(0, 0, Problem.OutputHeight, Problem.OutputWidth), tile: false, context);
    }

    /// <summary>Whether a whole-plane call runs the one-pass form: where it applies and its workspace fits the cap (else strips, which shrink to fit).</summary>
    internal static bool UsesRing(Conv2DProblem problem, int rank, int threads, long capBytes) =>
        SeparableRing.Applies(problem) && SeparableRing.For(problem, rank, threads).TotalFloats * sizeof(float) <= capBytes;

    /// <summary>The one-pass form (<see cref="SeparableRingBands{TOps, TVector}"/>): each band runs both passes over its rows, a few at a time.</summary>
    private void RunRing(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context)
    {
        var p = Problem;
        var ring = SeparableRing.For(p, Rank, context.Threads);
        float[] workspace = context.Workspace.Rent(ring.TotalFloats);
        var times = BandStageTimes.For(context, 2);
        long start = Stopwatch.GetTimestamp();
        try
        {
            fixed (float* inputPtr = input.Data)
            fixed (float* outputPtr = output.Data)
            fixed (float* columnTaps = _columnTaps)
            fixed (float* rowTaps = _rowTaps)
            fixed (float* workspacePtr = workspace)
            {
                int sweep = context.ForcedSweep;
                var rowPass = SeparableLayout.RowPassShape(p);
                rowPass.Input = inputPtr;
                rowPass.InputPitch = input.Pitch;
                rowPass.FillRow = BorderRow(workspacePtr, ring.FillFloats);
                rowPass.ForcedSweep = sweep;
                var columnPass = new ConvolutionData
                {
                    Kernel = columnTaps,
                    KernelHeight = Rank * p.KernelHeight,
                    KernelWidth = 1,
                    Output = outputPtr,
                    OutputPitch = output.Pitch,
                    OutputHeight = p.OutputHeight,
                    OutputWidth = p.OutputWidth,
                    StrideX = 1,
                    DilationX = 1,
                    Scratch = workspacePtr + ring.FillFloats,
                    ScratchPerBand = ring.BandFloats,
                    ForcedSweep = sweep,
                };

                long work = (long)Rank * (p.KernelHeight + p.KernelWidth) * p.OutputWidth;
                if (Vector512.IsHardwareAccelerated) ParallelRowIterator.For(p.OutputHeight, work, context, 4, new SeparableRingBands<Vector512Ops, Vector512<float>>(rowPass, columnPass, rowTaps, Rank, _factors.MirroredRows, ring, times));
                else if (Vector256.IsHardwareAccelerated) ParallelRowIterator.For(p.OutputHeight, work, context, 4, new SeparableRingBands<Vector256Ops, Vector256<float>>(rowPass, columnPass, rowTaps, Rank, _factors.MirroredRows, ring, times));
                else ParallelRowIterator.For(p.OutputHeight, work, context, 4, new SeparableRingBands<Vector128Ops, Vector128<float>>(rowPass, columnPass, rowTaps, Rank, _factors.MirroredRows, ring, times));
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }

        if (times is not null && context.Profiler is { } profiler) times.Report(profiler, PassStages, Stopwatch.GetTimestamp() - start);
    }

    private static readonly string[] PassStages = ["row-pass", "column-pass"];

    /// <summary>The workspace's first <paramref name="floats"/> filled with the border value: the row the row pass reads outside the image (Constant), or null when there is none.</summary>
    private float* BorderRow(float* workspace, long floats)
    {
        if (floats == 0) return null;
        new Span<float>(workspace, checked((int)floats)).Fill(Problem.Border.Value);
        return workspace;
    }

    /// <inheritdoc/>
    public void ExecuteTile(ReadOnlyPlane2D input, int inputRow, int inputColumn, Plane2D output, TileRegion outputRegion, ExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TileWindow.Validate(Problem, input, inputRow, inputColumn, output, outputRegion);
        Run(input, inputRow, inputColumn, output, outputRegion, tile: true, context);
    }

    /// <summary>
    /// Computes the region <paramref name="region"/> of the output from <paramref name="input"/>, whose element (0, 0) is
    /// image row <paramref name="inputRow"/>, column <paramref name="inputColumn"/> (the whole plane: 0, 0 and the whole output,
    /// <paramref name="tile"/> false).
    /// </summary>
    private void Run(ReadOnlyPlane2D input, int inputRow, int inputColumn, Plane2D output, TileRegion region, bool tile, ExecutionContext context)
    {
        var p = Problem;
        var layout = SeparableLayout.For(p, Rank, context.Threads, _capBytes);
        float[] workspace = context.Workspace.Rent(layout.TotalFloats);
        try
        {
            fixed (float* inputPtr = input.Data)
            fixed (float* outputPtr = output.Data)
            fixed (float* columnTaps = _columnTaps)
            fixed (float* rowTaps = _rowTaps)
            fixed (float* workspacePtr = workspace)
            {
                float* bands = workspacePtr + layout.FillFloats;
                float* planes = bands + (layout.BandFloats * layout.Bands);
                int sweep = context.ForcedSweep;

                // The row pass covers the region's columns only; ForTile shifts its anchor and clips its interior.
                var rowPass = SeparableLayout.RowPassShape(p).ForTile(new TileRegion(0, region.Column, 1, region.Width));
                rowPass.InputRowOrigin = inputRow;
                rowPass.InputColumnOrigin = inputColumn;
                rowPass.Tile = tile;   // ForTile restricts the columns; only a real tile's buffer may be narrower than the image
                rowPass.Input = inputPtr;
                rowPass.InputPitch = input.Pitch;
                rowPass.FillRow = BorderRow(workspacePtr, layout.FillFloats);
                int pitch = SeparableLayout.Pitch(p);
                rowPass.OutputPitch = pitch;
                rowPass.Scratch = bands;
                rowPass.ScratchPerBand = layout.BandFloats;
                rowPass.ForcedSweep = sweep;

                var columnPass = new ConvolutionData
                {
                    InputPitch = pitch,
                    Kernel = columnTaps,
                    KernelHeight = Rank * p.KernelHeight,
                    KernelWidth = 1,
                    OutputPitch = output.Pitch,
                    OutputWidth = region.Width,
                    StrideX = 1,
                    DilationX = 1,
                    Scratch = bands,
                    ScratchPerBand = layout.BandFloats,
                    ForcedSweep = sweep,
                };

                for (int y0 = 0; y0 < region.Height; y0 += layout.StripRows)
                {
                    int rows = Math.Min(layout.StripRows, region.Height - y0);
                    long planeRows = SeparableLayout.IntermediateRows(p, rows), planeFloats = planeRows * pitch;
                    using (context.Stage("row-pass"))
                    {
                        // Intermediate row t holds virtual input row (Y0 + y0)·sy − ay + t, Y0 being the region's first output
                        // row, so the pass's "anchor" is −((Y0 + y0)·sy − ay).
                        rowPass.AnchorY = checked(p.Anchor.Y - ((region.Row + y0) * p.Stride.Y));
                        rowPass.OutputHeight = (int)planeRows;
                        for (int r = 0; r < Rank; r++)
                        {
                            rowPass.Kernel = rowTaps + (r * p.KernelWidth);
                            rowPass.MirroredRow = (_factors.MirroredRows & (1 << r)) != 0;
                            rowPass.Output = planes + (r * planeFloats);
                            RunRows(in rowPass, context);
                        }
                    }

                    using (context.Stage("column-pass"))
                    {
                        columnPass.Output = outputPtr + ((long)y0 * output.Pitch);
                        columnPass.OutputHeight = rows;
                        RunColumns(in columnPass, planes, planeFloats, context);
                    }
                }
            }
        }
        finally
        {
            Workspace.Return(workspace);
        }
    }

    /// <summary>The row pass: pairs of rows through <see cref="SeparableRowBands{TOps, TVector}"/> where the columns step by one, else the Simd algorithm's row bands.</summary>
    private static void RunRows(in ConvolutionData data, ExecutionContext context)
    {
        if (data.StrideX != 1 || !Vector128.IsHardwareAccelerated)
        {
            SimdConvolution.RunAll(in data, context);
            return;
        }

        long work = data.MultiplyAddsPerRow;
        if (Vector512.IsHardwareAccelerated) ParallelRowIterator.For(data.OutputHeight, work, context, 2, new SeparableRowBands<Vector512Ops, Vector512<float>>(data));
        else if (Vector256.IsHardwareAccelerated) ParallelRowIterator.For(data.OutputHeight, work, context, 2, new SeparableRowBands<Vector256Ops, Vector256<float>>(data));
        else ParallelRowIterator.For(data.OutputHeight, work, context, 2, new SeparableRowBands<Vector128Ops, Vector128<float>>(data));
    }

    private void RunColumns(in ConvolutionData data, float* planes, long planeFloats, ExecutionContext context)
    {
        if (Vector512.IsHardwareAccelerated) RunColumns<SimdRowKernel<Vector512Ops, Vector512<float>>, Vector512Ops, Vector512<float>>(in data, planes, planeFloats, true, context);
        else if (Vector256.IsHardwareAccelerated) RunColumns<SimdRowKernel<Vector256Ops, Vector256<float>>, Vector256Ops, Vector256<float>>(in data, planes, planeFloats, true, context);
        else if (Vector128.IsHardwareAccelerated) RunColumns<SimdRowKernel<Vector128Ops, Vector128<float>>, Vector128Ops, Vector128<float>>(in data, planes, planeFloats, true, context);
        else RunColumns<FusedScalarRowKernel, Vector128Ops, Vector128<float>>(in data, planes, planeFloats, false, context);
    }

    private void RunColumns<TKernel, TOps, TVector>(in ConvolutionData data, float* planes, long planeFloats, bool blocks, ExecutionContext context)
        where TKernel : struct, IRowKernel
        where TOps : IVectorOps<TVector>
        where TVector : struct
    {
        var bands = new SeparableColumnBands<TKernel, TOps, TVector>(data, planes, planeFloats, Rank, Problem.KernelHeight, Problem.Stride.Y, Problem.Dilation.Y, blocks, default);
        ParallelRowIterator.For(data.OutputHeight, data.MultiplyAddsPerRow, context, ColumnBlockKernel<TOps, TVector>.Rows, bands);
    }
}
