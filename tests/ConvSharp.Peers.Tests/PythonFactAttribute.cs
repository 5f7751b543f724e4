using ConvSharp.Peers.Python;
using Xunit;

namespace ConvSharp.Peers.Tests;

/// <summary>A fact that is skipped, saying which interpreters were tried and how to install numpy, when no Python with numpy is found.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (PythonLocator.Find(null, out string why) is null) Skip = why;
    }
}
