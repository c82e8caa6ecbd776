using Cluster.Grains.Interfaces.Users;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Users;

[GrainType("profile")]
public sealed class ProfileGrain(
    [PersistentState(ProfileGrain.StateName)] IPersistentState<ProfileState> profile,
    TimeProvider timeProvider) : Grain, IProfileGrain
{
    public const string StateName = "profile";

    public Task<ProfileInfo> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(ToInfo());

    public async Task<ProfileInfo> ReplaceAsync(ProfileInfo replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var now = timeProvider.GetUtcNow();
        await profile.ChangeAsync(state =>
        {
            state.DisplayName = replacement.DisplayName;
            state.Bio = replacement.Bio;
            state.AvatarUrl = replacement.AvatarUrl;
            state.Locale = replacement.Locale;
            state.TimeZone = replacement.TimeZone;
            state.UpdatedAt = now;
        }, state => state.Clone(), cancellationToken);
        return ToInfo();
    }

    private ProfileInfo ToInfo()
    {
        var state = profile.State;
        return new ProfileInfo(state.DisplayName, state.Bio, state.AvatarUrl, state.Locale, state.TimeZone, state.UpdatedAt);
    }
}
