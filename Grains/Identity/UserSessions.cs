using Cluster.Grains.Interfaces.Identity;

namespace Cluster.Grains.Identity;

/// <summary>The rules for a user's set of live sessions, kept in <see cref="UserState.Sessions"/>.</summary>
internal static class UserSessions
{
    public static bool IsLive(UserState state, string sessionId, long sessionVersion, DateTimeOffset now) =>
        state.Exists && state.IsActive && state.SessionVersion == sessionVersion
        && state.Sessions.TryGetValue(sessionId, out var expiresAt) && now < expiresAt;

    /// <summary>Adds the session, dropping expired ones and, past the limit, those expiring first.</summary>
    public static void Add(UserState state, string sessionId, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        foreach (var expired in state.Sessions.Where(session => session.Value <= now).Select(session => session.Key).ToList())
        {
            state.Sessions.Remove(expired);
        }

        var excess = state.Sessions.Count + 1 - SessionLimits.MaxActivePerUser;
        foreach (var oldest in state.Sessions.OrderBy(session => session.Value).Take(Math.Max(0, excess)).Select(session => session.Key).ToList())
        {
            state.Sessions.Remove(oldest);
        }

        state.Sessions[sessionId] = expiresAt;
    }

    /// <summary>Ends every session: tokens issued under the old version are refused from now on.</summary>
    public static void EndAll(UserState state)
    {
        state.SessionVersion++;
        state.Sessions.Clear();
    }

    /// <summary>Live sessions, the latest to expire (the newest, as lifetimes are fixed) first.</summary>
    public static IReadOnlyList<string> Live(UserState state, DateTimeOffset now) =>
        [.. state.Sessions.Where(session => session.Value > now).OrderByDescending(session => session.Value).Select(session => session.Key)];
}
