using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Groups;

/// <summary>
/// One group, keyed by group id: its name, description and members. It owns the membership and tells each user's
/// grain, so a user's groups are known on every request. Created and renamed through <see cref="IGroupNameGrain"/>,
/// which keeps names unique.
/// </summary>
public interface IGroupGrain : IGrainWithStringKey
{
    /// <summary>Creates the group; repeating it returns the group unchanged.</summary>
    Task<GroupInfo> CreateAsync(string name, string description, CancellationToken cancellationToken = default);

    /// <summary>The group, or null when it was never created or was deleted.</summary>
    [ReadOnly]
    Task<GroupInfo?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the name (a new one only through <see cref="IGroupNameGrain.RenameGroupAsync"/>, which claims it) and/or
    /// the description; null leaves a field as it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">The group does not exist.</exception>
    Task<GroupInfo> UpdateAsync(string? name, string? description, CancellationToken cancellationToken = default);

    /// <summary>Adds or removes a member; false when the user does not exist (nothing changes). Repeating it changes nothing.</summary>
    /// <exception cref="InvalidOperationException">The group does not exist.</exception>
    Task<bool> SetMemberAsync(string userId, bool isMember, CancellationToken cancellationToken = default);

    /// <summary>Deletes the group: every member leaves it first. Deleting a deleted group changes nothing.</summary>
    Task DeleteAsync(CancellationToken cancellationToken = default);
}
