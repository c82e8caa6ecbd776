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

        var groups = await Task.WhenAll(context.RequiredCaller().User.GroupIds.Select(id => cluster.GetGrain<IGroupGrain>(id).GetAsync(cancellationToken)));
        var names = groups.OfType<GroupInfo>().Select(group => GroupName.Normalize(group.Name)).ToHashSet(StringComparer.Ordinal);
        context.Items[ItemKey] = names;
        return names;
    }
}
