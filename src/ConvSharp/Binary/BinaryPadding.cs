namespace ConvSharp.Binary;

/// <summary>What a tap outside the image contributes to the XNOR count (in ±1 space).</summary>
public enum BinaryPadding
{
    /// <summary>Nothing, like zero padding in float: such taps are left out of the count and of n (the default).</summary>
    Zero,

    /// <summary>−1: the notebook's behaviour, which pads with 0 and then binarises with x &gt; 0.</summary>
    MinusOne,

    /// <summary>+1.</summary>
    PlusOne,
}
