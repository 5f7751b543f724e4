namespace ConvSharp.Layers;

/// <summary>What a layer reads outside its input: <c>torch.nn.Conv2d</c>'s <c>padding_mode</c>.</summary>
public enum LayerPaddingMode
{
    /// <summary>Zeros (PyTorch <c>zeros</c>, TensorFlow and ONNX padding).</summary>
    Zeros,

    /// <summary>Mirrored without repeating the edge, dcb|abcd|cba (PyTorch <c>reflect</c>; ConvSharp's <see cref="BorderMode.Reflect101"/>).</summary>
    Reflect,

    /// <summary>The edge sample repeated, aaa|abcd|ddd (PyTorch <c>replicate</c>).</summary>
    Replicate,

    /// <summary>The input wrapped around, bcd|abcd|abc (PyTorch <c>circular</c>).</summary>
    Circular,
}
