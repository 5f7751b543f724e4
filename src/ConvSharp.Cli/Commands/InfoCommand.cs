using System;
using System.Threading;
using ConvSharp.Cli.Bench;
using ConvSharp.Peers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvSharp.Cli.Commands;

/// <summary><c>convsharp info</c>: the machine, the SIMD tiers, the registered algorithms, the peers and versions.</summary>
public sealed class InfoCommand(CliEnvironment environment) : Command
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Current;
        var console = environment.Console;
        console.WriteLine($"cpu        {machine.Cpu}");
        console.WriteLine($"cores      {machine.Cores}");
        console.WriteLine($"simd       {string.Join(", ", machine.Simd)} (active tier {ConvSharp.Simd.SimdCapabilities.ActiveTier})");
        console.WriteLine($"os         {machine.Os}");
        console.WriteLine($".NET       {machine.DotNet}");
        console.WriteLine($"convsharp  {typeof(Conv2D).Assembly.GetName().Version}");
        console.WriteLine("gpu        none (the GPU backend arrives with its issue)");

        var table = new Table().AddColumn("algorithm").AddColumn("description");
        foreach (var algorithm in Conv2D.Algorithms) table.AddRow(Markup.Escape(algorithm.Name.ToLowerInvariant()), Markup.Escape(algorithm.Description));
        console.Write(table);

        // The other operators: the layer (convsharp layer --algorithm) and XNOR-Net (convolve --binary, profile).
        var others = new Table().AddColumn("operator").AddColumn("algorithm").AddColumn("description");
        foreach (var algorithm in ConvSharp.Layers.Conv2DLayer.Algorithms)
            others.AddRow("layer", Markup.Escape(algorithm.Name.ToLowerInvariant()), Markup.Escape($"{algorithm.Description} ({algorithm.Accuracy})"));
        foreach (var algorithm in ConvSharp.Binary.BinaryConv2D.Algorithms)
            others.AddRow("binary", Markup.Escape(algorithm.Name.ToLowerInvariant()), Markup.Escape(algorithm.Description));
        others.AddRow("binary layer", "xnor-bgemm", "Signs packed along channels 64 to a word per pixel, XNOR-popcounts over taps and channel words (layer --binary).");
        others.AddRow("binary layer", "xnor-csa", "Each window's +1 inputs select 256 filters' bit vectors, summed by carry-save adders (Harley–Seal); Auto from 128 filters with AVX2.");
        console.Write(others);

        foreach (var peer in PeerCatalog.All)
            console.WriteLine(peer.IsAvailable(out string why) ? $"peer       {peer.Name}: available" : $"peer       {peer.Name}: {why}");
        console.WriteLine($"peer       {PeerCatalog.ImageSharpNote}");
        return 0;
    }
}
