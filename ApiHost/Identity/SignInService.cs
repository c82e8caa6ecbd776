using System.Security.Cryptography;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>Starts, renews and ends sessions, and issues the tokens that go with them.</summary>
public sealed class SignInService(IClusterClient cluster, AccessTokenService tokens, IOptions<SessionLifetimeOptions> lifetimes)
{
    /// <summary>The reason recorded for a sign-out.</summary>
    public const string SignOutReason = "Signed out.";

    private const int SessionIdLength = 32;

    /// <summary>A new session for <paramref name="user"/>, or null when the user may not sign in (inactive, or its sessions were just ended).</summary>
    public async Task<SignedIn?> StartSessionAsync(UserInfo user, string? userAgent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var sessionId = RandomNumberGenerator.GetHexString(SessionIdLength, lowercase: true);
        var lifetime = user.Type == UserType.Guest ? lifetimes.Value.GuestLifetime : lifetimes.Value.RegularLifetime;
        var grant = await cluster.GetGrain<ISessionGrain>(sessionId).StartAsync(user, lifetime, userAgent, cancellationToken);
        return grant.RefreshToken is null ? null : await IssueAsync(user, grant, cancellationToken);
    }

    /// <summary>Trades a refresh token for new tokens, or says why not (for logs; callers get a plain 401).</summary>
    public async Task<(SignedIn? SignedIn, string? Refusal)> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (SessionIdOf(refreshToken) is not { } sessionId)
        {
            return (null, "The refresh token is malformed.");
        }

        var grant = await cluster.GetGrain<ISessionGrain>(sessionId).RefreshAsync(refreshToken, cancellationToken);
        if (grant.RefreshToken is null)
        {
            return (null, grant.Refusal);
        }

        var user = await cluster.GetGrain<IUserGrain>(grant.Session!.UserId).AuthenticateAsync(sessionId, grant.Session.SessionVersion, cancellationToken);
        return user is null ? (null, "The session has ended.") : (await IssueAsync(user, grant, cancellationToken), null);
    }

    /// <summary>Ends the caller's session, or else the one <paramref name="refreshToken"/> belongs to if it is current.</summary>
    public async Task SignOutAsync(AuthenticatedCaller? caller, string? refreshToken, CancellationToken cancellationToken)
    {
        if (caller?.SessionId is { } callerSession)
        {
            await cluster.GetGrain<ISessionGrain>(callerSession).RevokeAsync(SignOutReason, cancellationToken);
        }
        else if (refreshToken is not null && SessionIdOf(refreshToken) is { } sessionId)
        {
            await cluster.GetGrain<ISessionGrain>(sessionId).SignOutAsync(refreshToken, cancellationToken);
        }
    }

    /// <summary>The session id a refresh token names, or null when it is not shaped like one of ours.</summary>
    public static string? SessionIdOf(string refreshToken)
    {
        var dot = refreshToken.IndexOf('.', StringComparison.Ordinal);
        return dot == SessionIdLength && refreshToken.Length < 200 && !refreshToken.AsSpan(0, dot).ContainsAnyExcept("0123456789abcdef")
            ? refreshToken[..dot]
            : null;
    }

    private async Task<SignedIn> IssueAsync(UserInfo user, SessionGrant grant, CancellationToken cancellationToken)
    {
        var (accessToken, expiresAt) = await tokens.IssueAsync(user, grant.Session!.Id, cancellationToken);
        return new SignedIn(user, grant.Session, accessToken, expiresAt, grant.RefreshToken!);
    }
}
