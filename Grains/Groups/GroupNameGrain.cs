using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Groups;

[GrainType("group-name")]
public sealed class GroupNameGrain(
    [PersistentState(GroupNameGrain.StateName)] IPersistentState<GroupNameState> name) : Grain, IGroupNameGrain
{
    public const string StateName = "group-name";

    public async Task<GroupInfo?> CreateGroupAsync(string groupId, string groupName, string description, CancellationToken cancellationToken = default) =>
        await ClaimAsync(groupId, groupName, cancellationToken)
            ? await GrainFactory.GetGrain<IGroupGrain>(groupId).CreateAsync(groupName, description, cancellationToken)
            : null;

    public async Task<GroupInfo?> RenameGroupAsync(string groupId, string groupName, string? description, CancellationToken cancellationToken = default) =>
        await ClaimAsync(groupId, groupName, cancellationToken)
            ? await GrainFactory.GetGrain<IGroupGrain>(groupId).UpdateAsync(groupName, description, cancellationToken)
            : null;

    // The group is named in the same turn as the claim, so a claim whose group does not carry this name was left
    // behind by a failure (or the group was renamed away or deleted) and is free.
    public async Task<GroupInfo?> GetGroupAsync(CancellationToken cancellationToken = default) =>
        name.State.GroupId is { } holder
            && await GrainFactory.GetGrain<IGroupGrain>(holder).GetAsync(cancellationToken) is { } held
            && GroupName.Normalize(held.Name) == this.GetPrimaryKeyString()
            ? held
            : null;

    public async Task ReleaseAsync(string groupId, CancellationToken cancellationToken = default)
    {
        if (name.State.GroupId == groupId)
        {
            await name.ChangeAsync(state => state.GroupId = null, Copy, cancellationToken);
        }
    }

    private async Task<bool> ClaimAsync(string groupId, string groupName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        if (GroupName.Normalize(groupName) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"The name '{groupName}' does not normalise to this name's key.", nameof(groupName));
        }

        if (name.State.GroupId is { } holder && holder != groupId && await GetGroupAsync(cancellationToken) is not null)
        {
            return false;
        }

        if (name.State.GroupId != groupId)
        {
            await name.ChangeAsync(state => state.GroupId = groupId, Copy, cancellationToken);
        }

        return true;
    }

    private static GroupNameState Copy(GroupNameState state) => new() { GroupId = state.GroupId };
}
