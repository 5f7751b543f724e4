namespace ConvSharp;

/// <summary>How input samples outside the image are made up. Examples show the row <c>a b c d</c> extended to the right.</summary>
public enum BorderMode
{
    /// <summary>A constant value: <c>a b c d | v v v</c>. scipy <c>fill</c>/<c>constant</c>, OpenCV BORDER_CONSTANT, PyTorch <c>zeros</c>.</summary>
    Constant,

    /// <summary>The edge sample repeated: <c>a b c d | d d d</c>. ndimage <c>nearest</c>, OpenCV BORDER_REPLICATE, PyTorch <c>replicate</c>.</summary>
    Replicate,

    /// <summary>Mirror including the edge sample: <c>a b c d | d c b</c>. scipy.signal <c>symm</c>, ndimage <c>reflect</c>, OpenCV BORDER_REFLECT.</summary>
    Reflect,

    /// <summary>Mirror about the edge sample: <c>a b c d | c b a</c>. ndimage <c>mirror</c>, OpenCV BORDER_REFLECT_101 (its default), PyTorch <c>reflect</c>.</summary>
    Reflect101,

    /// <summary>Periodic: <c>a b c d | a b c</c>. scipy <c>wrap</c>, OpenCV BORDER_WRAP, PyTorch <c>circular</c>.</summary>
    Wrap,
}
