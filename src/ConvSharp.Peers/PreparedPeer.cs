using System;

namespace ConvSharp.Peers;

/// <summary>A peer with its operands loaded: <see cref="Run"/> is what a benchmark times.</summary>
public abstract class PreparedPeer : IDisposable
{
    /// <summary>Runs the filter once into the peer's own output buffer.</summary>
    public abstract void Run();

    /// <summary>The last output, dense row-major, as float32.</summary>
    public abstract float[] Result();

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases native buffers.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
