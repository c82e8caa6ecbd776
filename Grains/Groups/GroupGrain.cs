using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Groups;

// Calls go from groups to users and to the registry, never back, so none of them can wait on another in a cycle.
[GrainType("group")]
public sealed class GroupGrain(
    [PersistentState(GroupGrain.StateName)] IPersistentState<GroupState> group,
    TimeProvider timeProvider) : Grain, IGroupGrain
{
    public const string StateName = "group";

    private GroupState State => group.State;

    private bool IsLive => State.Exists && !State.Deleted;

    public async Task<GroupInfo> CreateAsync(string name, string description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        if (!State.Exists)
        {
            var now = timeProvider.GetUtcNow();
            await ChangeAsync(state => (state.Exists, state.Name, state.Description, state.CreatedAt) = (true, name.Trim(), description, now), cancellationToken);
        }

        await RecordAsync(cancellationToken);
        return ToInfo();
    }

    public Task<GroupInfo?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(IsLive ? ToInfo() : null);

    public async Task<GroupInfo> UpdateAsync(string? name, string? description, CancellationToken cancellationToken = default)
    {
        EnsureLive();
        await ChangeAsync(state => (state.Name, state.Description) = (name?.Trim() ?? state.Name, description ?? state.Description), cancellationToken);
        await RecordAsync(cancellationToken);
        return ToInfo();
    }

    public async Task<bool> SetMemberAsync(string userId, bool isMember, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        EnsureLive();

        // The user's grain first: a user that does not exist is never recorded, and a failure after it is repaired by
        // repeating the call, which tells the user again.
        if (await GrainFactory.GetGrain<IUserGrain>(userId).SetGroupMembershipAsync(this.GetPrimaryKeyString(), isMember, cancellationToken) is null)
        {
            return false;
        }

        if (State.MemberIds.Contains(userId) != isMember)
        {
            await ChangeAsync(
                state =>
                {
                    if (isMember)
                    {
                        state.MemberIds.Add(userId);
                    }
                    else
                    {
                        state.MemberIds.Remove(userId);
                    }
                },
                cancellationToken);
            await RecordAsync(cancellationToken);
        }

        return true;
    }

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        if (!State.Exists)
        {
            return;
        }

        foreach (var member in State.MemberIds.ToList())
        {
            await GrainFactory.GetGrain<IUserGrain>(member).SetGroupMembershipAsync(this.GetPrimaryKeyString(), isMember: false, cancellationToken);
        }

        if (!State.Deleted)
        {
            await ChangeAsync(state => (state.Deleted, state.MemberIds) = (true, []), cancellationToken);
        }

        await RecordAsync(cancellationToken);
    }

    private Task RecordAsync(CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<IGroupRegistryGrain>(IGroupRegistryGrain.Key).RecordAsync(
            this.GetPrimaryKeyString(), IsLive ? new GroupSummary(this.GetPrimaryKeyString(), State.Name, State.MemberIds.Count) : null, cancellationToken);

    private Task ChangeAsync(Action<GroupState> change, CancellationToken cancellationToken) =>
        group.ChangeAsync(change, state => state.Clone(), cancellationToken);

    private void EnsureLive()
    {
        if (!IsLive)
        {
            throw new InvalidOperationException($"Group '{this.GetPrimaryKeyString()}' does not exist.");
        }
    }

    private GroupInfo ToInfo() => new(this.GetPrimaryKeyString(), State.Name, State.Description, [.. State.MemberIds], State.CreatedAt);
}
