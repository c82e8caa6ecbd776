namespace Cluster.ApiHost.Identity;

/// <summary>The published signing keys, the one that signs now first (RFC 7517 key set).</summary>
public sealed record JsonWebKeySetResponse(IReadOnlyList<JsonWebKeyResponse> Keys);
