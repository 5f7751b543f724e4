namespace ConvSharp.GemmKernels;

/// <summary>
/// The innermost step of the SGEMM: one <see cref="Rows"/> × <see cref="Columns"/> tile of C from a packed A micro-panel
/// (kc × Rows, column by column) and a packed B micro-panel (kc × Columns, row by row), all in registers.
/// </summary>
internal unsafe interface IGemmMicroKernel
{
    /// <summary>Rows of C per tile (MR).</summary>
    static abstract int Rows { get; }

    /// <summary>Columns of C per tile (NR).</summary>
    static abstract int Columns { get; }

    /// <summary>
    /// c[r·ldc + j] = alpha·Σ_p a[p·Rows + r]·b[p·Columns + j] + beta·c[r·ldc + j] over the whole tile; with
    /// <paramref name="beta"/> = 0, C is not read (so NaN or garbage there does not leak in, as in BLAS).
    /// </summary>
    static abstract void Run(int kc, float* a, float* b, float* c, long ldc, float alpha, float beta);

    /// <summary>
    /// The first <paramref name="rows"/> (1 … <see cref="Rows"/> − 1) rows of a full-width tile, straight into C, with the
    /// same bits as <see cref="Run"/> gives them: for the strip the matrix's last rows cut short, where A's missing rows
    /// are zero padding that need not be multiplied.
    /// </summary>
    static abstract void RunRows(int rows, int kc, float* a, float* b, float* c, long ldc, float alpha, float beta);

    /// <summary>
    /// <see cref="Run"/> over a B micro-panel read in place (row p of it at <paramref name="source"/> + p·<paramref name="ldb"/>,
    /// <see cref="Columns"/> contiguous floats) that also packs it into <paramref name="packed"/> as it goes, for the tiles
    /// after it: the first tile of a strip pays no separate packing pass. Same bits as <see cref="Run"/>.
    /// </summary>
    static abstract void RunPacking(int kc, float* a, float* source, long ldb, float* packed, float* c, long ldc, float alpha, float beta);

    /// <summary>
    /// <see cref="Run"/> with A's <see cref="Rows"/> rows read in place, <paramref name="lda"/> apart (row r's element p at
    /// <paramref name="a"/> + r·<paramref name="lda"/> + p), instead of from a packed micro-panel: where A's rows are
    /// already contiguous runs of its depth, as a channels-last 1×1 layer's pixels are. Same bits as <see cref="Run"/>.
    /// </summary>
    static abstract void RunStridedA(int kc, float* a, long lda, float* b, float* c, long ldc, float alpha, float beta);
}
