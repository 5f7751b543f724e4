using ConvSharp.Borders;

namespace ConvSharp.Execution;

/// <summary>A tile of a larger problem: its input buffer starts at image row <paramref name="InputRow"/>, column <paramref name="InputColumn"/>, and it computes the region <paramref name="Output"/> of the whole output.</summary>
internal readonly record struct TileWindow(int InputRow, int InputColumn, TileRegion Output)
{
    /// <summary>Throws unless <paramref name="outputRegion"/> lies in the output, <paramref name="output"/> has its shape, and the tile buffer covers all it reads.</summary>
    public static void Validate(Conv2DProblem problem, ReadOnlyPlane2D input, int inputRow, int inputColumn, Plane2D output, TileRegion outputRegion)
    {
        if (outputRegion.Row < 0 || outputRegion.Column < 0 || outputRegion.Height < 1 || outputRegion.Width < 1 ||
            outputRegion.Row + outputRegion.Height > problem.OutputHeight || outputRegion.Column + outputRegion.Width > problem.OutputWidth)
            ThrowHelper.Argument(nameof(outputRegion), $"outputRegion = {outputRegion} is not inside the {problem.OutputHeight}x{problem.OutputWidth} output of {problem}.");
        if (output.Height != outputRegion.Height || output.Width != outputRegion.Width)
            ThrowHelper.Argument(nameof(output), $"output is {output.Height}x{output.Width} but the region is {outputRegion.Height}x{outputRegion.Width}.");
        var required = TileRegion.Required(problem, outputRegion);
        if (required.Height > 0 && (required.Row < inputRow || required.Column < inputColumn ||
            required.Row + required.Height > inputRow + input.Height || required.Column + required.Width > inputColumn + input.Width))
            ThrowHelper.Argument(nameof(input), $"the tile buffer covers image rows [{inputRow}, {inputRow + input.Height}) and columns [{inputColumn}, {inputColumn + input.Width}), but {outputRegion} reads {required}.");
    }
}
