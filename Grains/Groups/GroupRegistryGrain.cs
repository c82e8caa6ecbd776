using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Groups;

[GrainType("group-registry")]
public sealed class GroupRegistryGrain(
    [PersistentState(GroupRegistryGrain.StateName)] IPersistentState<GroupRegistryState> registry) : Grain, IGroupRegistryGrain
{
    public const string StateName = "group-registry";

    public Task<IReadOnlyList<GroupSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<GroupSummary>>([.. registry.State.Groups.Values.OrderBy(group => group.Name, StringComparer.OrdinalIgnoreCase).ThenBy(group => group.Id, StringComparer.Ordinal)]);

    public async Task RecordAsync(string groupId, GroupSummary? summary, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        var current = registry.State.Groups.GetValueOrDefault(groupId);
        if (current == summary)
        {
            return;
        }

        await registry.ChangeAsync(
            state =>
            {
                if (summary is null)
                {
                    state.Groups.Remove(groupId);
                }
                else
                {
                    state.Groups[groupId] = summary;
                }
            },
            state => new GroupRegistryState { Groups = new Dictionary<string, GroupSummary>(state.Groups) },
            cancellationToken);
    }
}
