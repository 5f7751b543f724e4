using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvSharp.Binary;

/// <summary>
/// A full adder on every bit of three vectors, the step of every carry-save counter here: the sum bit a ⊕ b ⊕ c and the
/// carry bit (majority of a, b, c). With AVX-512 (VL) each is one <c>vpternlogq</c>, whose control byte is the function's
/// truth table over a = 0xF0, b = 0xCC, c = 0xAA: 0x96 for the sum, 0xE8 for the majority; both are symmetric, so the
/// operands' order does not matter. Elsewhere the sum is two XORs and the carry three operations.
/// </summary>
internal static class BitSum
{
    /// <summary>a ⊕ b ⊕ c on every bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Sum(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(a, b, c, 0x96) : a ^ b ^ c;

    /// <summary>The majority of a, b and c on every bit: the carry of a + b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Carry(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(a, b, c, 0xE8) : (a & b) | ((a ^ b) & c);
}
