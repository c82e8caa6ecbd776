using Cluster.Grains.Interfaces.Groups;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Groups;

/// <summary>Creating, renaming and deleting groups with their names kept unique through <see cref="IGroupNameGrain"/>.</summary>
public sealed class GroupService(IClusterClient cluster)
{
    /// <summary>The new group, or null when the name is taken.</summary>
    public async Task<GroupInfo?> CreateAsync(string name, string description, CancellationToken cancellationToken)
    {
        return await NameGrain(name).CreateGroupAsync(Guid.CreateVersion7().ToString(), name, description, cancellationToken);
    }

    /// <summary>The changed group; null when the new name is taken (nothing changes).</summary>
    public async Task<GroupInfo?> UpdateAsync(GroupInfo group, string? name, string? description, CancellationToken cancellationToken)
    {
        if (name is null || GroupName.Normalize(name) == GroupName.Normalize(group.Name))
        {
            return await cluster.GetGrain<IGroupGrain>(group.Id).UpdateAsync(name, description, cancellationToken);
        }

        var renamed = await NameGrain(name).RenameGroupAsync(group.Id, name, description, cancellationToken);

        // Released last: had anything failed before, the old name would still be held and the group reachable by it.
        if (renamed is not null)
        {
            await NameGrain(group.Name).ReleaseAsync(group.Id, cancellationToken);
        }

        return renamed;
    }

    /// <summary>Deletes the group and frees its name.</summary>
    public async Task DeleteAsync(GroupInfo group, CancellationToken cancellationToken)
    {
        await cluster.GetGrain<IGroupGrain>(group.Id).DeleteAsync(cancellationToken);
        await NameGrain(group.Name).ReleaseAsync(group.Id, cancellationToken);
    }

    private IGroupNameGrain NameGrain(string name) => cluster.GetGrain<IGroupNameGrain>(GroupName.Normalize(name));
}
