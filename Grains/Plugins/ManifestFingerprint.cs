using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.Grains.Plugins;

/// <summary>A manifest's identity by content, so fetching the same manifest again is not a new revision.</summary>
public static class ManifestFingerprint
{
    /// <summary>SHA-256 (hex) of the manifest as serialized.</summary>
    public static string Of(PluginManifestInfo manifest) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(manifest))));
}
