namespace Cluster.ApiHost.Sockets;

/// <summary>The <c>status_code</c> values of ../shared/contracts/websocket.md.</summary>
public static class PackageStatus
{
    /// <summary>OK.</summary>
    public const int Ok = 0;

    /// <summary>No handler for the <c>pkg_id</c>, not found, or an internal failure; <c>data</c> is <c>{"msg": ...}</c>.</summary>
    public const int Error = 1;

    /// <summary>Schema validation failed or a conflict; <c>data</c> is <c>{"code", "msg", "details"}</c>.</summary>
    public const int InvalidData = 2;

    /// <summary>The caller lacks a role the package requires.</summary>
    public const int PermissionDenied = 3;
}
