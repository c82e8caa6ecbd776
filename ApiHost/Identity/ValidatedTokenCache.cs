using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// Tokens already found genuine, with what they stood for, until they expire. A client sends one token with many
/// requests, and checking its signature each time would cost more than the rest of the request; expiry is still
/// checked on every use, by the runtime's clock. At most <see cref="MaxEntries"/> are kept: expired ones go first,
/// and if that frees nothing, all of them (they are checked again on their next use). Entries are keyed by the
/// token's SHA-256, so live bearer tokens are not kept in memory (nor in a heap dump) for longer than a request.
/// </summary>
internal sealed class ValidatedTokenCache<T>(TimeProvider timeProvider, Func<TimeSpan> clockSkew)
{
    public const int MaxEntries = 10_000;

    private const int StackLimit = 4096;

    private readonly ConcurrentDictionary<(ulong, ulong, ulong, ulong), (T Value, DateTime Expires)> _entries = new();

    /// <summary>What <paramref name="token"/> stood for, while it is current.</summary>
    public bool TryGet(string token, out T value)
    {
        var key = KeyOf(token);
        if (_entries.TryGetValue(key, out var entry))
        {
            if (IsCurrent(null, entry.Expires))
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(key, out _);
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

        _entries[KeyOf(token)] = (value, expires);
    }

    /// <summary>Whether a token valid from <paramref name="notBefore"/> until <paramref name="expires"/> is current, within the clock skew.</summary>
    public bool IsCurrent(DateTime? notBefore, DateTime? expires) =>
        TokenLifetime.IsCurrent(timeProvider.GetUtcNow().UtcDateTime, clockSkew(), notBefore, expires);

    private static (ulong, ulong, ulong, ulong) KeyOf(string token)
    {
        var length = Encoding.UTF8.GetMaxByteCount(token.Length);
        var rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var bytes = rented ?? stackalloc byte[StackLimit];
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(token, bytes)], hash);
            var words = MemoryMarshal.Cast<byte, ulong>(hash);
            return (words[0], words[1], words[2], words[3]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
