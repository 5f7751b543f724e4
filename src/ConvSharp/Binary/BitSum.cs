using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvSharp.Binary;

/// <summary>
/// A full adder on every bit of three vectors, the step of every carry-save counter here: the sum bit a ⊕ b ⊕ c and the
/// carry bit (majority of a, b, c). With AVX-512 (VL) each is one <c>vpternlogq</c>, whose control byte is the function's
/// truth table over a = 0xF0, b = 0xCC, c = 0xAA: 0x96 for the sum, 0xE8 for the majority; both are symmetric, so the
/// operands' order does not matter. Elsewhere five operations that share a ⊕ b (computed once here: the JIT does not
/// find the common term when the sum and the carry come from two calls).
/// </summary>
internal static class BitSum
{
    /// <summary>Returns a ⊕ b ⊕ c on every bit and sets <paramref name="carry"/> to their majority, the carry of a + b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Full(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c, out Vector256<ulong> carry)
    {
        if (Avx512F.VL.IsSupported)
        {
            carry = Avx512F.VL.TernaryLogic(a, b, c, 0xE8);
            return Avx512F.VL.TernaryLogic(a, b, c, 0x96);
        }

        var u = a ^ b;
        carry = (a & b) | (u & c);
        return u ^ c;
    }
}
