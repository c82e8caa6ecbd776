namespace Cluster.Runtime.CodeGeneration;

/// <summary>How a grain method may be scheduled and answered, taken from its attributes at compile time.</summary>
[Flags]
public enum InvokeMethodOptions
{
    /// <summary>A normal request: waits for the activation's current request, and is answered.</summary>
    None = 0,

    /// <summary>The caller does not wait for an answer (<c>[OneWay]</c>).</summary>
    OneWay = 1,

    /// <summary>May interleave with other read-only requests (<c>[ReadOnly]</c>).</summary>
    ReadOnly = 2,

    /// <summary>May interleave with any request (<c>[AlwaysInterleave]</c>).</summary>
    AlwaysInterleave = 4,
}
