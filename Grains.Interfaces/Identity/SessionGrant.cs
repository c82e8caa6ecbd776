namespace Cluster.Grains.Interfaces.Identity;

/// <summary>A session with the refresh token to send back, or why there is none.</summary>
/// <param name="Session">The session; null when it was never started.</param>
/// <param name="RefreshToken">
/// The new refresh token, <c>&lt;session id&gt;.&lt;secret&gt;</c>, valid for one use; shown once, stored only hashed.
/// Null when refused.
/// </param>
/// <param name="Refusal">Why no token was granted; null when one was.</param>
public sealed record SessionGrant(SessionInfo? Session, string? RefreshToken, string? Refusal);
