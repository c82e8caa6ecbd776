using Cluster.Grains.Interfaces.Identity;

namespace Cluster.Grains.Identity;

/// <summary>The persisted signing keys, oldest first.</summary>
public sealed class SigningKeysState
{
    public List<SigningKeyInfo> Keys { get; set; } = [];
}
