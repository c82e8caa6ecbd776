namespace Cluster.ApiHost.Sockets;

/// <summary>How a connection's frames are encoded, chosen with <c>?format=</c>.</summary>
public enum PackageFormat
{
    /// <summary>Text frames of JSON (the default).</summary>
    Json,

    /// <summary>Binary frames of the contract's protobuf messages.</summary>
    Protobuf,
}
