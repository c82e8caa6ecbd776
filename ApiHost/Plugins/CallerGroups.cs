using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Groups;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Plugins;

/// <summary>The names of the caller's groups (access rules name groups; users hold their ids), looked up once per request.</summary>
public sealed class CallerGroups(IClusterClient cluster)
{
    private static readonly object ItemKey = new();

    /// <summary>The caller's group names, compared as <see cref="GroupName.Normalize"/> does.</summary>
    public async Task<IReadOnlySet<string>> NamesAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached))
        {
            return (IReadOnlySet<string>)cached!;
        }

        var names = await NamesAsync(context.RequiredCaller(), cancellationToken);
        context.Items[ItemKey] = names;
        return names;
    }

    /// <summary>The group names of <paramref name="caller"/>, looked up now (a WebSocket request, which has no request items).</summary>
    public async Task<IReadOnlySet<string>> NamesAsync(AuthenticatedCaller caller, CancellationToken cancellationToken)
    {
        var groups = await Task.WhenAll(caller.User.GroupIds.Select(id => cluster.GetGrain<IGroupGrain>(id).GetAsync(cancellationToken)));
        return groups.OfType<GroupInfo>().Select(group => GroupName.Normalize(group.Name)).ToHashSet(StringComparer.Ordinal);
    }
}
