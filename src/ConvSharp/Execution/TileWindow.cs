using ConvSharp.Borders;

namespace ConvSharp.Execution;

/// <summary>A tile of a larger problem: its input buffer starts at image row <paramref name="InputRow"/>, column <paramref name="InputColumn"/>, and it computes the region <paramref name="Output"/> of the whole output.</summary>
internal readonly record struct TileWindow(int InputRow, int InputColumn, TileRegion Output);
