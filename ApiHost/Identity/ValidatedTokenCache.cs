using System.Collections.Concurrent;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// Tokens already found genuine, with what they stood for, until they expire. A client sends one token with many
/// requests, and checking its signature each time would cost more than the rest of the request; expiry is still
/// checked on every use, by the runtime's clock. At most <see cref="MaxEntries"/> are kept: expired ones go first,
/// and if that frees nothing, all of them (they are checked again on their next use). Tokens are their own keys:
/// hashing them would cost every request a SHA-256 to keep live tokens out of a heap dump that holds this host's
/// signing keys anyway.
/// </summary>
internal sealed class ValidatedTokenCache<T>(TimeProvider timeProvider, Func<TimeSpan> clockSkew)
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (T Value, DateTime Expires)> _entries = new(StringComparer.Ordinal);

    /// <summary>What <paramref name="token"/> stood for, while it is current.</summary>
    public bool TryGet(string token, out T value)
    {
        if (_entries.TryGetValue(token, out var entry))
        {
            if (IsCurrent(null, entry.Expires))
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(token, out _);
        }

        value = default!;
        return false;
    }

    /// <summary>Remembers a genuine token until <paramref name="expires"/> (UTC).</summary>
    public void Add(string token, T value, DateTime expires)
    {
        if (_entries.Count >= MaxEntries)
        {
            foreach (var (key, entry) in _entries)
            {
                if (!IsCurrent(null, entry.Expires))
                {
                    _entries.TryRemove(key, out _);
                }
            }

            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }
        }

        _entries[token] = (value, expires);
    }

    /// <summary>Whether a token valid from <paramref name="notBefore"/> until <paramref name="expires"/> is current, within the clock skew.</summary>
    public bool IsCurrent(DateTime? notBefore, DateTime? expires) =>
        TokenLifetime.IsCurrent(timeProvider.GetUtcNow().UtcDateTime, clockSkew(), notBefore, expires);
}
