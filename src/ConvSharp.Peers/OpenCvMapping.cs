using System;
using OpenCvSharp;

namespace ConvSharp.Peers;

/// <summary>What OpenCV's linear filters (filter2D, sepFilter2D) can compute of a ConvSharp problem, and how its border maps.</summary>
internal static class OpenCvMapping
{
    /// <summary>Same, stride 1, dilation 1, and the borders Constant(0), Replicate, Reflect and Reflect101.</summary>
    public static bool Supports(Conv2DProblem problem, string function, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        reason = problem switch
        {
            { Size: not OutputSize.Same } => $"{function} computes Same only",
            { Stride: not (1, 1) } => $"{function} has no stride",
            { Dilation: not (1, 1) } => $"{function} has no dilation",
            { Border.Mode: BorderMode.Wrap } => $"{function} rejects BORDER_WRAP",
            { Border.Mode: BorderMode.Constant, Border.Value: not 0f } => $"{function}'s constant border is always 0",
            _ => "",
        };
        return reason.Length == 0;
    }

    public static BorderTypes Border(Conv2DProblem problem) => problem.Border.Mode switch
    {
        BorderMode.Replicate => BorderTypes.Replicate,
        BorderMode.Reflect => BorderTypes.Reflect,
        BorderMode.Reflect101 => BorderTypes.Reflect101,
        _ => BorderTypes.Constant,
    };
}
