using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Users;

/// <summary>A user's profile, keyed by user id. The API host validates the fields; the grain stores them as given.</summary>
public interface IProfileGrain : IGrainWithStringKey
{
    /// <summary>The profile; an empty one for a user who set none.</summary>
    [ReadOnly]
    Task<ProfileInfo> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the profile with <paramref name="profile"/> (its <see cref="ProfileInfo.UpdatedAt"/> is ignored and set now).</summary>
    Task<ProfileInfo> ReplaceAsync(ProfileInfo profile, CancellationToken cancellationToken = default);
}
