using System.Security.Cryptography;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.IdentityModel.Tokens;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// The cluster's signing keys as this API host uses them, read from <see cref="ISigningKeysGrain"/> and kept for a
/// few minutes; read again at once when a token names a key not seen yet (another host may have rotated first), at
/// most once per <see cref="MinRefreshInterval"/>, so tokens with made-up key ids cannot flood the grain.
/// </summary>
public sealed class SigningKeyCache(IGrainFactory grains, TimeProvider timeProvider)
{
    /// <summary>How long keys are used before they are read again.</summary>
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(5);

    /// <summary>The shortest time between two reads for an unknown key id.</summary>
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>The key that signs now.</summary>
    public async Task<RsaSecurityKey> SigningKeyAsync(CancellationToken cancellationToken) => (await GetAsync(cancellationToken)).Keys[0];

    /// <summary>Every published key; read again first when <paramref name="keyId"/> is not among them and a read is allowed.</summary>
    public async Task<IReadOnlyList<RsaSecurityKey>> VerificationKeysAsync(string? keyId, CancellationToken cancellationToken)
    {
        var snapshot = await GetAsync(cancellationToken);
        if (keyId is not null && snapshot.Keys.All(key => key.KeyId != keyId) && timeProvider.GetUtcNow() - snapshot.ReadAt >= MinRefreshInterval)
        {
            snapshot = await RefreshAsync(snapshot, cancellationToken);
        }

        return snapshot.Keys;
    }

    private async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        return snapshot is not null && timeProvider.GetUtcNow() - snapshot.ReadAt < RefreshPeriod ? snapshot : await RefreshAsync(snapshot, cancellationToken);
    }

    private async Task<Snapshot> RefreshAsync(Snapshot? stale, CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have read them while this one waited.
            if (_snapshot is { } current && current != stale)
            {
                return current;
            }

            var keys = await grains.GetGrain<ISigningKeysGrain>(SigningKeyLimits.GrainKey).GetKeysAsync(cancellationToken);
            var snapshot = new Snapshot([.. keys.Select(ToSecurityKey)], timeProvider.GetUtcNow());
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private static RsaSecurityKey ToSecurityKey(SigningKeyInfo key)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        return new RsaSecurityKey(rsa) { KeyId = key.KeyId };
    }

    private sealed record Snapshot(IReadOnlyList<RsaSecurityKey> Keys, DateTimeOffset ReadAt);
}
