using Cluster.ApiHost.Admin;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Sockets.Packages;

/// <summary>pkg_id 100, administrators only: searches accounts by email prefix, as <c>GET /api/admin/users</c>.</summary>
public sealed class SearchUsersPackage(IClusterClient cluster) : IPackageHandler
{
    private const int DefaultLimit = 50;

    public int PackageId => 100;

    public string Name => "admin.users.search";

    public string Description =>
        "Administrators: accounts whose email starts with data.query, a page at a time: data {\"query\", \"cursor\", \"limit\": 1-200 (default 50)}.";

    public IReadOnlyList<string> RequiredRoles => [IdentityNames.Admin];

    public string DataSchema => $$"""
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "maxLength": {{EmailRules.MaxLength}} },
            "cursor": { "type": ["string", "null"], "maxLength": 1000 },
            "limit": { "type": "integer", "minimum": 1, "maximum": {{IUserDirectoryGrain.MaxPageSize}} }
          }
        }
        """;

    public async Task<PackageReply> HandleAsync(PackageCall call, CancellationToken cancellationToken)
    {
        var data = call.Request.Data;
        var query = data.TryGetProperty("query", out var queryValue) ? queryValue.GetString()! : string.Empty;
        var cursor = data.TryGetProperty("cursor", out var cursorValue) ? cursorValue.GetString() : null;
        var limit = data.TryGetProperty("limit", out var limitValue) ? limitValue.GetInt32() : DefaultLimit;
        try
        {
            var page = await cluster.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).SearchAsync(query, cursor, limit, cancellationToken);
            return PackageReply.Ok(UserPageResponse.From(page));
        }
        catch (ArgumentException)
        {
            return PackageReply.Invalid("invalid_cursor", "cursor is not one a search handed out; start again without it.");
        }
    }
}
