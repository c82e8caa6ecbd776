namespace Cluster.Grains.Interfaces.Identity;

/// <summary>The rotation schedule of the token signing keys, the same for every API host.</summary>
public static class SigningKeyLimits
{
    /// <summary>The key of the one <see cref="ISigningKeysGrain"/> of the cluster.</summary>
    public const string GrainKey = "access-tokens";

    /// <summary>How long one key signs before the next takes over.</summary>
    public static readonly TimeSpan RotationPeriod = TimeSpan.FromDays(30);

    /// <summary>How long before it signs a new key is made and published.</summary>
    public static readonly TimeSpan PublishAhead = TimeSpan.FromDays(2);

    /// <summary>How long a key stays published after it stopped signing: longer than any token it signed lives.</summary>
    public static readonly TimeSpan RetainAfterRetirement = TimeSpan.FromDays(2);

    /// <summary>The RSA key size in bits.</summary>
    public const int KeySize = 2048;
}
