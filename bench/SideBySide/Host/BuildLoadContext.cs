using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace ConvSharp.SideBySide;

/// <summary>Loads one build's driver and its ConvSharp from one folder, apart from every other build in the process.</summary>
internal sealed class BuildLoadContext : AssemblyLoadContext
{
    private readonly string _folder;

    public BuildLoadContext(string folder)
        : base(folder) => _folder = folder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string path = Path.Combine(_folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
