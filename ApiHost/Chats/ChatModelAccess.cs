using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Grains.Interfaces.Groups;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Chats;

/// <summary>Which chat models a caller may use: all unrestricted ones, and those restricted to groups the caller is in.</summary>
public sealed class ChatModelAccess(IClusterClient cluster, TimeProvider timeProvider)
{
    // The catalog comes from the silos' configuration, which changes only with a restart: a short cache spares a call per message.
    private static readonly TimeSpan CatalogLifetime = TimeSpan.FromSeconds(30);

    private (IReadOnlyList<ChatModelInfo> Models, DateTimeOffset ReadAt)? _catalog;

    /// <summary>The models the caller may use, in catalog order.</summary>
    public async Task<IReadOnlyList<ChatModelInfo>> AllowedAsync(AuthenticatedCaller? caller, CancellationToken cancellationToken)
    {
        var models = await CatalogAsync(cancellationToken);
        if (models.All(model => model.AllowedGroups.Count == 0))
        {
            return models;
        }

        var groups = await GroupNamesAsync(caller, cancellationToken);
        return [.. models.Where(model => model.AllowedGroups.Count == 0 || model.AllowedGroups.Any(groups.Contains))];
    }

    /// <summary>The model, when it exists; whether the caller may use it.</summary>
    public async Task<(ChatModelInfo? Model, bool Allowed)> CheckAsync(string modelId, AuthenticatedCaller caller, CancellationToken cancellationToken)
    {
        var model = (await CatalogAsync(cancellationToken)).FirstOrDefault(candidate => candidate.Id == modelId);
        if (model is null || model.AllowedGroups.Count == 0)
        {
            return (model, model is not null);
        }

        var groups = await GroupNamesAsync(caller, cancellationToken);
        return (model, model.AllowedGroups.Any(groups.Contains));
    }

    private async Task<IReadOnlyList<ChatModelInfo>> CatalogAsync(CancellationToken cancellationToken)
    {
        if (_catalog is { } cached && timeProvider.GetUtcNow() - cached.ReadAt < CatalogLifetime)
        {
            return cached.Models;
        }

        var models = await cluster.GetGrain<IChatModelCatalogGrain>(string.Empty).GetModelsAsync(cancellationToken);
        _catalog = (models, timeProvider.GetUtcNow());
        return models;
    }

    private async Task<HashSet<string>> GroupNamesAsync(AuthenticatedCaller? caller, CancellationToken cancellationToken)
    {
        if (caller is null)
        {
            return [];
        }

        var groups = await Task.WhenAll(caller.User.GroupIds.Select(id => cluster.GetGrain<IGroupGrain>(id).GetAsync(cancellationToken)));
        return new HashSet<string>(groups.OfType<GroupInfo>().Select(group => group.Name), StringComparer.OrdinalIgnoreCase);
    }
}
