using System.Text.Json;
using Cluster.Grains.Interfaces.Configs;

namespace Cluster.ApiHost.Configs;

/// <summary>
/// <c>GET /api/config/{name}</c>: a version's document as saved (<c>config</c>) and with its <c>${VAR}</c> references
/// resolved (<c>varsResolved</c>), the references that have no value, and the version's metadata.
/// </summary>
public sealed record ConfigResponse(
    string Name,
    string Version,
    bool Active,
    JsonElement Config,
    JsonElement VarsResolved,
    IReadOnlyList<string> UnresolvedVars,
    string? Parent,
    string Author,
    string? Message,
    DateTimeOffset CreatedAt)
{
    public static ConfigResponse From(ConfigDocumentInfo document)
    {
        using var config = JsonDocument.Parse(document.DocumentJson);
        using var resolved = JsonDocument.Parse(document.ResolvedJson);
        var info = document.Info;
        return new(document.Name, info.Version, document.IsActive, config.RootElement.Clone(), resolved.RootElement.Clone(), document.UnresolvedVariables,
            info.Parent, info.Author, info.Message, info.CreatedAt);
    }
}
