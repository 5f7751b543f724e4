using System;
using System.Diagnostics;
using ConvSharp.Simd;
using Xunit;

namespace ConvSharp.Tests;

/// <summary>
/// Re-runs the conformance table in child processes with the wider SIMD tiers switched off, so one AVX-512 machine tests
/// the Vector256, Vector128 and scalar paths too (after ImageSharp's FeatureTestRunner).
/// </summary>
public class SimdTierTests
{
    [Theory]
    // .NET 10 reads DOTNET_EnableAVX512 and ignores the older DOTNET_EnableAVX512F; set both so either runtime drops AVX-512.
    [InlineData("DOTNET_EnableAVX512F,DOTNET_EnableAVX512", SimdTier.Vector256)]
    [InlineData("DOTNET_EnableAVX2", SimdTier.Vector128)]
    [InlineData("DOTNET_EnableHWIntrinsic", SimdTier.Scalar)]
    public async System.Threading.Tasks.Task Conformance_holds_with_tier_disabled(string variables, SimdTier expectedTier)
    {
        // On hardware without the wider tier the child simply runs at this process's tier.
        var tier = (SimdTier)Math.Min((int)expectedTier, (int)SimdCapabilities.ActiveTier);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(SimdTierTests).Assembly.Location);
        start.ArgumentList.Add("conformance");
        foreach (string variable in variables.Split(',')) start.Environment[variable] = "0";

        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        string stdout = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        string log = $"{variables}=0 exit {child.ExitCode}\n{stdout}\n{await stderr}";

        Assert.True(child.ExitCode == 0, log);
        Assert.Contains($"tier: {tier}", stdout, StringComparison.Ordinal);
        Assert.Contains("failed: 0", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("checked: 0\n", stdout, StringComparison.Ordinal);
    }
}
