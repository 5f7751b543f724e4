namespace ConvSharp.Layers;

/// <summary>How a 4-D tensor is laid out in its span.</summary>
public enum TensorLayout
{
    /// <summary>Batch, channels, rows, columns: PyTorch's default, ONNX.</summary>
    Nchw,

    /// <summary>Batch, rows, columns, channels: TensorFlow/Keras's default (PyTorch's <c>channels_last</c>).</summary>
    Nhwc,
}
