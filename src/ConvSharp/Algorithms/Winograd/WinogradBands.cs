using System;
using System.Runtime.CompilerServices;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Algorithms.Stencil;
using ConvSharp.Borders;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Winograd;

/// <summary>
/// A band of output tiles (three rows each), strip by strip: (1) the strip's new transformed input rows, borders applied
/// (<see cref="WinogradF3.Input{TOps, TVector}"/>); (2) each component's S × kw correlation over its transformed plane into
/// its product plane, through the Simd algorithm's two-row × six-vector block (<see cref="AnySizeBlockKernel{TOps, TVector}"/>);
/// (3) the products into the strip's output rows (<see cref="WinogradF3.Output{TOps, TVector}"/>).
/// </summary>
/// <remarks>
/// Each transformed plane is a ring of strip + S − 1 rows (tile row t in slot t mod ring): a strip transforms the rows of
/// its own tiles' last slice only, the S − 1 rows it shares with the strip above are still there. Measured against
/// column blocks that interleave the three stages (two tiles × 48–384 columns, the product buffer in L1): the
/// interleaved form ran 0.95–1.10× Simd's time on 9×9 where the strips then ran 0.89–0.95×, its products alone 0.64×
/// against 0.57×: the transformed rows left L1 between the two tile rows that read them (docs/benchmarks.md).
/// </remarks>
internal readonly unsafe struct WinogradBands<TOps, TVector>(ConvolutionData data, WinogradLayout layout, float* transformedKernel, float* zeroRow) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private const int Components = WinogradF3.Components;
    private readonly ConvolutionData _data = data;
    private readonly WinogradLayout _layout = layout;
    private readonly float* _transformedKernel = transformedKernel;
    private readonly float* _zeroRow = zeroRow;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        float* slice = _data.Scratch + (band * _layout.BandFloats);
        float* products = slice + (Components * _layout.TransformedPlaneFloats);
        float** rows = (float**)(products + (Components * _layout.ProductPlaneFloats));
        float** outputs = rows + _layout.TransformedRows;
        int halo = _layout.Slices - 1;
        TransformInput(start, halo, slice);
        for (int tile = start; tile < end; tile += _layout.StripTiles)
        {
            int tiles = Math.Min(_layout.StripTiles, end - tile);
            TransformInput(tile + halo, tiles, slice);
            Multiply(tile, tiles, slice, products, rows, outputs);
            TransformOutput(tile, tiles, products);
        }
    }

    /// <summary>Ring slot <paramref name="tile"/> of a transformed plane, as an offset.</summary>
    private long Slot(int tile) => (long)(tile % _layout.TransformedRows) * _layout.TransformedPitch;

    /// <summary>The transformed rows of tile rows first .. first + count − 1, each into its ring slot: the tile's five input rows, transformed.</summary>
    private void TransformInput(int first, int count, float* transformed)
    {
        ref readonly ConvolutionData d = ref _data;
        int width = d.OutputWidth + d.KernelWidth - 1, n = TOps.Count;

        // Transformed column j reads image column j − ax: [interiorStart, interiorEnd) lie inside the image.
        int interiorStart = Math.Clamp(d.AnchorX, 0, width), interiorEnd = (int)Math.Clamp((long)d.InputWidth + d.AnchorX, interiorStart, width);
        float** sources = stackalloc float*[Components];
        float** planes = stackalloc float*[Components];
        for (int r = 0; r < count; r++)
        {
            long top = ((long)(first + r) * WinogradF3.TileRows) - d.AnchorY;
            for (int i = 0; i < Components; i++)
            {
                sources[i] = Source(top + i);
                planes[i] = transformed + (i * _layout.TransformedPlaneFloats) + Slot(first + r);
            }

            // The interior straight from the rows, vector by vector (the last vector overlaps its predecessor), ...
            int done = interiorStart;
            if (interiorEnd - interiorStart >= n)
            {
                long shift = -d.AnchorX;
                float* s0 = sources[0] + shift, s1 = sources[1] + shift, s2 = sources[2] + shift, s3 = sources[3] + shift, s4 = sources[4] + shift;
                float* v0 = planes[0], v1 = planes[1], v2 = planes[2], v3 = planes[3], v4 = planes[4];
                for (int x = interiorStart; ; x += n)
                {
                    if (x > interiorEnd - n) x = interiorEnd - n;
                    WinogradF3.Input<TOps, TVector>(TOps.Load(s0 + x), TOps.Load(s1 + x), TOps.Load(s2 + x), TOps.Load(s3 + x), TOps.Load(s4 + x), v0 + x, v1 + x, v2 + x, v3 + x, v4 + x);
                    if (x == interiorEnd - n) break;
                }

                done = interiorEnd;
            }

            // ... the edges (and an interior narrower than a vector) sample by sample through the border map.
            for (int j = 0; j < interiorStart; j++) TransformSample(sources, planes, j);
            for (int j = done; j < width; j++) TransformSample(sources, planes, j);
        }
    }

    private void TransformSample(float** sources, float** planes, int column) =>
        WinogradF3.Input(Sample(sources[0], column), Sample(sources[1], column), Sample(sources[2], column), Sample(sources[3], column), Sample(sources[4], column), planes, column);

    /// <summary>
    /// The global-indexed row virtual row <paramref name="row"/> reads: through the border map where the direct
    /// convolution reads it, else the zero row. Rows no output's window holds (the zero rows padding the last kernel
    /// slice, and the rows past the last output's tile) only ever meet zero weights or unwritten outputs, but the
    /// transform mixes them into their tile, so they must be finite: zeros, not whatever the border or fill holds.
    /// </summary>
    private float* Source(long row)
    {
        ref readonly ConvolutionData d = ref _data;
        long first = -d.AnchorY, last = first + d.OutputHeight + d.KernelHeight - 2;
        return row < first || row > last ? _zeroRow : RowSources.Row(in d, row);
    }

    /// <summary>Transformed column <paramref name="column"/>'s sample of a source row: image column column − ax, bordered; zero on the zero row.</summary>
    private float Sample(float* source, int column) =>
        source == _zeroRow ? 0 : RowSources.Bordered(in _data, source, (long)column - _data.AnchorX);

    /// <summary>Each component's S × kw correlation over its transformed rows into its product plane, two product rows at a time.</summary>
    private void Multiply(int first, int tiles, float* transformed, float* products, float** rows, float** outputs)
    {
        int slices = _layout.Slices, kw = _data.KernelWidth;
        var pass = new ConvolutionData
        {
            KernelHeight = slices,
            KernelWidth = kw,
            OutputWidth = _data.OutputWidth,
            StrideX = 1,
            DilationX = 1,
            ForcedSweep = _data.ForcedSweep,
        };

        for (int c = 0; c < Components; c++)
        {
            pass.Kernel = _transformedKernel + (c * slices * kw);
            float* plane = transformed + (c * _layout.TransformedPlaneFloats);
            for (int r = 0; r < tiles + slices - 1; r++) rows[r] = plane + Slot(first + r);
            for (int r = 0; r < tiles; r++) outputs[r] = products + (c * _layout.ProductPlaneFloats) + ((long)r * _layout.ProductPitch);
            int t = 0;
            if (slices >= 2)
            {
                for (; t + AnySizeBlockKernel<TOps, TVector>.Rows <= tiles; t += AnySizeBlockKernel<TOps, TVector>.Rows)
                    AnySizeBlockKernel<TOps, TVector>.Run(rows + t, outputs + t, 0, pass.OutputWidth, in pass);
            }

            for (; t < tiles; t++) default(SimdRowKernel<TOps, TVector>).Run(rows + t, outputs[t], 0, pass.OutputWidth, in pass);
        }
    }

    /// <summary>Each tile's products into its (up to) three output rows.</summary>
    private void TransformOutput(int first, int tiles, float* products)
    {
        ref readonly ConvolutionData d = ref _data;
        int width = d.OutputWidth, n = TOps.Count;
        float** m = stackalloc float*[Components];
        float** y = stackalloc float*[WinogradF3.TileRows];
        for (int r = 0; r < tiles; r++)
        {
            int row = (first + r) * WinogradF3.TileRows, count = Math.Min(WinogradF3.TileRows, d.OutputHeight - row);
            for (int c = 0; c < Components; c++) m[c] = products + (c * _layout.ProductPlaneFloats) + ((long)r * _layout.ProductPitch);
            for (int i = 0; i < count; i++) y[i] = d.Output + ((long)(row + i) * d.OutputPitch);
            if (width < n)
            {
                for (int x = 0; x < width; x++) WinogradF3.Output(m, y, count, x);
                continue;
            }

            float* m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4];
            float* y0 = y[0], y1 = count > 1 ? y[1] : y0, y2 = count > 2 ? y[2] : y0;
            for (int x = 0; ; x += n)
            {
                if (x > width - n) x = width - n;
                WinogradF3.Output<TOps, TVector>(m0 + x, m1 + x, m2 + x, m3 + x, m4 + x, y0 + x, y1 + x, y2 + x, count);
                if (x == width - n) break;
            }
        }
    }
}
