namespace ConvSharp.SideBySide;

/// <summary>One problem the two builds run: an n × n image, a k × k kernel, one algorithm.</summary>
internal sealed record SideBySideCase(string Name, string Algorithm, int Size, int KernelSize)
{
    /// <summary>The seed and kernels suites' 1024² problems (3×3 to 11×11), and two small ones where a call's fixed cost shows.</summary>
    public static SideBySideCase[] Defaults { get; } =
    [
        new("tiny64", "Stencil", 64, 3), new("tiny64", "Simd", 64, 3),
        new("small256", "Stencil", 256, 3), new("small256", "Simd", 256, 5),
        new("random3", "Stencil", 1024, 3), new("random5", "Stencil", 1024, 5), new("random7", "Stencil", 1024, 7),
        new("random3", "Simd", 1024, 3), new("random5", "Simd", 1024, 5), new("random7", "Simd", 1024, 7),
        new("random9", "Simd", 1024, 9), new("random11", "Simd", 1024, 11),
    ];

    /// <summary>The key the combine step matches two runs' rows by.</summary>
    public string Key => Name + "/" + Algorithm;
}
