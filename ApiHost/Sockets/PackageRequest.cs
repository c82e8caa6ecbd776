using System.Text.Json;

namespace Cluster.ApiHost.Sockets;

/// <summary>One request of a client, its envelope read.</summary>
/// <param name="PackageId">The <c>pkg_id</c>.</param>
/// <param name="RequestId">The <c>req_id</c>, a UUID in canonical lowercase form.</param>
/// <param name="Data">The <c>data</c> object (an empty object when the client sent null or none).</param>
public sealed record PackageRequest(int PackageId, string RequestId, JsonElement Data);
