using System;
using System.Diagnostics.CodeAnalysis;

namespace ConvSharp;

/// <summary>Throws the library's argument exceptions. Every message names the parameter and the offending value.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void OutOfRange(string paramName, object? value, string requirement) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} = {Format(value)} is out of range: {requirement}");

    [DoesNotReturn]
    public static void Argument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    public static string Format(object? value) => value switch
    {
        null => "null",
        ValueTuple<int, int> t => $"({t.Item1}, {t.Item2})",
        _ => value.ToString() ?? "null",
    };
}
