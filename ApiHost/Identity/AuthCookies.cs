using Cluster.Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// The sign-in cookies of the chat frontend's contract (../shared/contracts/chat-api.md §2): <c>auth_token</c> holds
/// the access token, <c>user_session_id</c> or <c>guest_session_id</c> the refresh token. All are httpOnly (page
/// scripts never see a token), SameSite=Lax and Secure unless configured off.
/// </summary>
public sealed class AuthCookies(IOptions<AuthCookieOptions> options, TimeProvider timeProvider)
{
    /// <summary>The access token's cookie.</summary>
    public const string AccessToken = "auth_token";

    /// <summary>A regular user's refresh token cookie.</summary>
    public const string UserSession = "user_session_id";

    /// <summary>A guest's refresh token cookie.</summary>
    public const string GuestSession = "guest_session_id";

    /// <summary>Sets the cookies of a new or refreshed sign-in, and clears the refresh cookie of the other user type.</summary>
    public void Set(HttpResponse response, SignedIn signedIn)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(signedIn);
        var now = timeProvider.GetUtcNow();
        response.Cookies.Append(AccessToken, signedIn.AccessToken, Options(signedIn.AccessTokenExpiresAt - now));
        var guest = signedIn.User.Type == UserType.Guest;
        response.Cookies.Append(guest ? GuestSession : UserSession, signedIn.RefreshToken, Options(signedIn.Session.ExpiresAt - now));
        response.Cookies.Delete(guest ? UserSession : GuestSession, Options(maxAge: null));
    }

    /// <summary>Clears every sign-in cookie.</summary>
    public void Clear(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var name in (string[])[AccessToken, UserSession, GuestSession])
        {
            response.Cookies.Delete(name, Options(maxAge: null));
        }
    }

    /// <summary>The refresh token the request's cookies carry, the regular user's first.</summary>
    public static string? RefreshToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NonEmpty(request.Cookies[UserSession]) ?? NonEmpty(request.Cookies[GuestSession]);
    }

    /// <summary>Whether the request carries any sign-in cookie, which a browser adds to cross-site requests too.</summary>
    public static bool Any(HttpRequest request) =>
        request.Cookies.ContainsKey(AccessToken) || request.Cookies.ContainsKey(UserSession) || request.Cookies.ContainsKey(GuestSession);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private CookieOptions Options(TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = options.Value.Secure,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Domain = options.Value.Domain,
        MaxAge = maxAge is { } age && age > TimeSpan.Zero ? age : null,
        IsEssential = true,
    };
}
