using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Sockets;

/// <summary>A package of the <c>/web</c> protocol, as <c>GET /web/packages</c> lists it.</summary>
public sealed record PackageInfoResponse(
    [property: JsonPropertyName("pkg_id")] int PackageId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("required_roles")] IReadOnlyList<string> RequiredRoles,
    [property: JsonPropertyName("data_schema")] JsonElement DataSchema);
