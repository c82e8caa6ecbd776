using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Groups;

/// <summary>The list of all groups (one grain, key <see cref="Key"/>), kept by the group grains, for pickers and administrators.</summary>
public interface IGroupRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one registry's key.</summary>
    const string Key = "all";

    /// <summary>Every group, by name.</summary>
    [ReadOnly]
    Task<IReadOnlyList<GroupSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a group's current name and member count, or, with a null <paramref name="summary"/>, that it was deleted.</summary>
    Task RecordAsync(string groupId, GroupSummary? summary, CancellationToken cancellationToken = default);
}
