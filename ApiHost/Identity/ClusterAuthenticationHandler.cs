using System.Text.Encodings.Web;
using Cluster.ApiHost.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// Authenticates a request by its access token: <c>Authorization: Bearer</c> (API clients), else the
/// <c>auth_token</c> cookie (browsers). A refused token is a failure, not an anonymous request, so a route open to
/// both still sees no caller; challenges and refusals are ProblemDetails.
/// </summary>
internal sealed partial class ClusterAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AccessTokenAuthenticator authenticator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (token, fromCookie) = TokenOf(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var (caller, principal, failure) = await authenticator.AuthenticateAsync(token, fromCookie, Context.RequestAborted);
        if (caller is null)
        {
            LogTokenRefused(Logger, failure);
            return AuthenticateResult.Fail("The access token was refused.");
        }

        Context.Features.Set(caller);
        return AuthenticateResult.Success(new AuthenticationTicket(principal!, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(ApiProblem.Unauthorized(
            "Sign in, or send a current access token as 'Authorization: Bearer <token>'; an expired one is renewed with POST /api/auth/refresh."));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(ApiProblem.Forbidden("Your account's role or type does not allow this."));

    /// <summary>The request's access token and whether it came in the cookie.</summary>
    internal static (string? Token, bool FromCookie) TokenOf(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > "Bearer ".Length)
        {
            return (header["Bearer ".Length..].Trim(), false);
        }

        return request.Cookies[AuthCookies.AccessToken] is { Length: > 0 } cookie ? (cookie, true) : (null, false);
    }

    private Task WriteProblemAsync(IResult problem) => problem.ExecuteAsync(Context);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Access token refused: {Reason}")]
    private static partial void LogTokenRefused(ILogger logger, string? reason);
}
