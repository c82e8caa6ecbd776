using System.Security.Cryptography;
using Cluster.Grains.Interfaces.Identity;

namespace Cluster.Grains.Identity;

/// <summary>The rotation rules of <see cref="SigningKeysGrain"/>, apart from its storage.</summary>
internal static class SigningKeySchedule
{
    /// <summary>
    /// The keys to keep at <paramref name="now"/>, oldest first: <paramref name="keys"/> with a first key made when
    /// none signs, the next made once the signing one is within <see cref="SigningKeyLimits.PublishAhead"/> of its
    /// end, and those retired for longer than <see cref="SigningKeyLimits.RetainAfterRetirement"/> dropped.
    /// </summary>
    public static List<SigningKeyInfo> Apply(IReadOnlyList<SigningKeyInfo> keys, DateTimeOffset now)
    {
        var kept = keys.OrderBy(key => key.SignsFrom).ToList();
        if (!kept.Any(key => key.SignsFrom <= now))
        {
            kept.Add(Create(now, now));
        }

        var newest = kept[^1];
        var nextStart = newest.SignsFrom + SigningKeyLimits.RotationPeriod;
        if (newest.SignsFrom <= now && nextStart - SigningKeyLimits.PublishAhead <= now)
        {
            // Should nobody ask for a while, the next key still signs from when it is made, never from the past.
            kept.Add(Create(now, nextStart > now ? nextStart : now));
        }

        // A key retires when its successor starts signing.
        return kept
            .Where((key, index) => index + 1 >= kept.Count || kept[index + 1].SignsFrom + SigningKeyLimits.RetainAfterRetirement > now)
            .ToList();
    }

    /// <summary>The key that signs at <paramref name="now"/>: the newest already started.</summary>
    public static SigningKeyInfo Current(IReadOnlyList<SigningKeyInfo> keys, DateTimeOffset now) =>
        keys.Where(key => key.SignsFrom <= now).MaxBy(key => key.SignsFrom)
        ?? throw new InvalidOperationException("No signing key has started signing yet.");

    private static SigningKeyInfo Create(DateTimeOffset now, DateTimeOffset signsFrom)
    {
        using var rsa = RSA.Create(SigningKeyLimits.KeySize);
        return new SigningKeyInfo(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), rsa.ExportPkcs8PrivateKeyPem(), now, signsFrom);
    }
}
