using System;
using System.Collections.Generic;

namespace ConvSharp.Algorithms.Im2ColGemm;

/// <summary>
/// The notebook's im2col half: the bordered samples each output reads become a kh·kw × H'·W' column matrix (im2col), the
/// kernel's taps as one row multiply it (our SGEMM, or the notebook's plain loop), and the product is the output (col2im).
/// Three registered forms: <c>Im2ColGemm</c> (segmented panels that stay in cache; the form Auto would take),
/// <c>Im2ColGemmMaterialized</c> (the whole matrix, as the notebook) and <c>Matmul</c> (the whole matrix and the
/// notebook's <c>matmulcore_cpu</c> loop).
/// </summary>
/// <remarks>
/// On one plane the product is a 1 × kh·kw row times a matrix: kh·kw multiply-adds per output, as in the direct
/// algorithms, plus writing and reading kh·kw copies of the input. GEMM's blocking pays off only with channels (the layer
/// reuses this with a real matrix of weights); here the direct algorithms stay faster, so Auto never prefers these forms.
/// Each output sums its taps in row-major order with fused multiply-adds (Matmul: products then adds), so results on
/// small integers are exact.
/// </remarks>
internal sealed class Im2ColConvolution(Im2ColForm form) : Conv2DAlgorithm
{
    private readonly string[] _stages = form switch
    {
        Im2ColForm.Segmented => ["im2col", "gemm"],
        Im2ColForm.Materialized => ["im2col", "gemm", "col2im"],
        _ => ["im2col", "matmul", "col2im"],
    };

    public Im2ColForm Form => form;

    public override string Name => form switch
    {
        Im2ColForm.Segmented => "Im2ColGemm",
        Im2ColForm.Materialized => "Im2ColGemmMaterialized",
        _ => "Matmul",
    };

    public override string Description => form switch
    {
        Im2ColForm.Segmented => "im2col in cache-sized panels of output rows, each multiplied by the taps' row with our SGEMM straight into the output.",
        Im2ColForm.Materialized => "The notebook's im2col → matmul → col2im: the whole kh·kw × H'·W' column matrix, then one SGEMM.",
        _ => "The notebook's im2col, then its plain parallel matmul loop (matmulcore_cpu): no packing, no blocking, no vectors.",
    };

    public override IReadOnlyList<string> Stages => _stages;

    public override bool Supports(Conv2DProblem problem, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        long entries = (long)problem.KernelHeight * problem.KernelWidth * problem.OutputHeight * problem.OutputWidth;
        if (form != Im2ColForm.Segmented && entries > Array.MaxLength)
        {
            reason = $"the column matrix would hold {entries} floats, more than one array holds; Im2ColGemm segments it";
            return false;
        }

        reason = form == Im2ColForm.Segmented
            ? "native: every border, anchor, stride and dilation through the row sources; column panels of a few output rows"
            : "native: the whole column matrix in the workspace";
        return true;
    }

    public override WorkspaceRequirement Workspace(Conv2DProblem problem, Conv2DOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        return Im2ColLayout.For(problem, form, options.Threads).Requirement;
    }

    protected internal override bool ConsideredByAuto(Conv2DProblem problem, out string reason)
    {
        reason = form switch
        {
            Im2ColForm.Segmented => "on one plane the product is a row times a matrix: the same multiply-adds as the direct algorithms plus kh·kw copies of the input (measured slower, docs/benchmarks.md)",
            Im2ColForm.Materialized => "the segmented form computes the same with a cache-sized workspace",
            _ => "a teaching row: the plain loop without packing or blocking",
        };
        return false;
    }

    protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason)
    {
        reason = "";
        return new PreparedIm2Col(problem, this, kernel, form);
    }
}
