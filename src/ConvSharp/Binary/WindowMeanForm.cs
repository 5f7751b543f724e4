namespace ConvSharp.Binary;

/// <summary>The notebook's three ways of computing K, the mean of |I| over each window (zero outside, ÷ kh·kw).</summary>
public enum WindowMeanForm
{
    /// <summary>Over the im2col columns, one window at a time (the notebook's parallel <c>fmean</c> over <c>prange</c>).</summary>
    Im2ColColumns,

    /// <summary>Over the im2col columns, many windows per instruction (the notebook's <c>guvectorize</c>d mean); what <c>xnor-seed</c> uses.</summary>
    Im2ColVectorised,

    /// <summary>A box filter on |I| before any im2col (the notebook's <c>@stencil</c> form), through the core's convolution with a kernel of ones.</summary>
    BoxFilter,
}
