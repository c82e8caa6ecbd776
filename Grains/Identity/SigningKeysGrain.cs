using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Grains.Identity;

[GrainType("signing-keys")]
public sealed class SigningKeysGrain(
    [PersistentState(SigningKeysGrain.StateName)] IPersistentState<SigningKeysState> keys,
    TimeProvider timeProvider,
    IServiceProvider services) : Grain, ISigningKeysGrain
{
    public const string StateName = "signing-keys";

    private readonly SigningKeyProtector _protector = services.GetService<SigningKeyProtector>() ?? SigningKeyProtector.None;

    public async Task<IReadOnlyList<SigningKeyInfo>> GetKeysAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var stored = keys.State.Keys;
        var applied = SigningKeySchedule.Apply([.. stored.Select(_protector.Unprotect)], now);

        // A key keeps its stored form (a fresh encryption would differ every time) unless it is new, or stored as
        // PEM while protection is on: those are encrypted now.
        var toStore = applied
            .Select(key => stored.FirstOrDefault(old => old.KeyId == key.KeyId && _protector.IsStoredAsWanted(old)) ?? _protector.Protect(key))
            .ToList();
        if (!toStore.SequenceEqual(stored))
        {
            await keys.ChangeAsync(state => state.Keys = toStore, state => new SigningKeysState { Keys = state.Keys }, cancellationToken);
        }

        var current = SigningKeySchedule.Current(applied, now);
        return [current, .. applied.Where(key => key != current).Reverse()];
    }
}
