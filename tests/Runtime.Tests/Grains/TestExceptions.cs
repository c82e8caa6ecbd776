namespace Cluster.Runtime.Tests.Grains;

/// <summary>An exception a caller cannot recreate: it has no (string) constructor.</summary>
public sealed class OpaqueException(int code) : Exception($"opaque failure {code}")
{
    public int Code { get; } = code;
}
