using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Auth;

/// <summary>One of the caller's sessions, so the user can tell them apart and end one.</summary>
public sealed record SessionResponse(
    string Id, DateTimeOffset CreatedAt, DateTimeOffset? LastRefreshedAt, DateTimeOffset ExpiresAt, string? UserAgent, bool Current)
{
    /// <summary>The response for <paramref name="session"/>; <paramref name="current"/> when the request was made in it.</summary>
    public static SessionResponse From(SessionInfo session, bool current) =>
        new(session.Id, session.CreatedAt, session.LastRefreshedAt, session.ExpiresAt, session.UserAgent, current);
}
