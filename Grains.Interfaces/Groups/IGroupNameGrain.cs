using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Groups;

/// <summary>
/// One normalised group name (<see cref="GroupName.Normalize"/>), keyed by it: which group holds it. A group takes
/// the name only through its grain, which claims it and names the group in one turn, so two groups can never get the
/// same name, from any API host.
/// </summary>
public interface IGroupNameGrain : IGrainWithStringKey
{
    /// <summary>Creates group <paramref name="groupId"/> under this name; null when another group holds it.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> does not normalise to this grain's key.</exception>
    Task<GroupInfo?> CreateGroupAsync(string groupId, string name, string description, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renames the existing group <paramref name="groupId"/> to this name (and sets its description unless null); null
    /// when another group holds the name. The caller then releases the old name.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> does not normalise to this grain's key.</exception>
    Task<GroupInfo?> RenameGroupAsync(string groupId, string name, string? description, CancellationToken cancellationToken = default);

    /// <summary>The group that holds the name, or null when none does.</summary>
    [ReadOnly]
    Task<GroupInfo?> GetGroupAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives the name up, if <paramref name="groupId"/> holds it.</summary>
    Task ReleaseAsync(string groupId, CancellationToken cancellationToken = default);
}
