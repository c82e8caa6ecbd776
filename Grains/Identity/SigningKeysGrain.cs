using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Identity;

[GrainType("signing-keys")]
public sealed class SigningKeysGrain(
    [PersistentState(SigningKeysGrain.StateName)] IPersistentState<SigningKeysState> keys,
    TimeProvider timeProvider) : Grain, ISigningKeysGrain
{
    public const string StateName = "signing-keys";

    public async Task<IReadOnlyList<SigningKeyInfo>> GetKeysAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var applied = SigningKeySchedule.Apply(keys.State.Keys, now);
        if (!applied.SequenceEqual(keys.State.Keys))
        {
            await keys.ChangeAsync(state => state.Keys = applied, state => new SigningKeysState { Keys = state.Keys }, cancellationToken);
        }

        var current = SigningKeySchedule.Current(applied, now);
        return [current, .. applied.Where(key => key != current).Reverse()];
    }
}
