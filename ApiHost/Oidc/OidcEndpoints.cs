using System.Security.Cryptography;
using System.Text;
using Cluster.ApiHost.Auth;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.RateLimiting;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Oidc;

/// <summary>Sign-in through an external OpenID Connect provider: its id_token is exchanged for a session here.</summary>
public static class OidcEndpoints
{
    private const int MaxTokenLength = 16 * 1024;

    // The largest clock skew the token check may allow (Identity:AccessTokens:ClockSkew), so an id_token is remembered
    // for as long as any API host could still accept it.
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapOidcEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var oidc = endpoints.MapGroup("/api/auth/oidc").WithTags("Auth");
        oidc.MapPost(string.Empty, SignInAsync).WithRateLimit(RateLimitOptions.Login);
        oidc.MapGet("/providers", ListProviders);
        return endpoints;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SignInAsync(
        OidcSignInRequest request, HttpContext context, OidcTokenValidator validator, IClusterClient cluster, SignInFlow flow,
        CancellationToken cancellationToken)
    {
        if (!validator.HasProviders)
        {
            return ApiProblem.BadRequest("No identity provider is configured; set Identity:Oidc:Providers:<name> on the API host.");
        }

        if (request.IdToken is not { Length: > 0 and <= MaxTokenLength } idToken)
        {
            return ApiProblem.BadRequest($"Give the provider's id_token (at most {MaxTokenLength} characters).");
        }

        var check = await validator.ValidateAsync(idToken, OidcTokenUse.IdToken, string.IsNullOrEmpty(request.Nonce) ? null : request.Nonce, cancellationToken);
        if (check.ProviderUnavailable)
        {
            return ApiProblem.Create(StatusCodes.Status503ServiceUnavailable, "offline:auth", $"The id_token could not be checked: {check.Failure}; try again shortly.");
        }

        if (!check.IsValid)
        {
            return ApiProblem.Unauthorized($"The id_token was refused: {check.Failure}.");
        }

        var login = cluster.GetGrain<IExternalLoginGrain>(check.Identity!.LoginKey);
        var tokenHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idToken)));
        if (!await login.TryUseIdTokenAsync(tokenHash, new DateTimeOffset(check.Expires, TimeSpan.Zero) + ClockSkewAllowance, cancellationToken))
        {
            return ApiProblem.Unauthorized("The id_token was refused: it was exchanged already; sign in with the provider again.");
        }

        var result = await login.SignInAsync(check.Identity, cancellationToken);
        if (result.EmailTaken)
        {
            return ApiProblem.Conflict("auth", "An account with this email already exists; sign in to it with its password.");
        }

        return result.User is { IsActive: true } user
            ? await flow.SignedInAsync(user, context, cancellationToken)
            : ApiProblem.Forbidden("The account linked to this identity is deactivated; ask an administrator.");
    }

    private static Ok<OidcProviderResponse[]> ListProviders(OidcTokenValidator validator) => TypedResults.Ok(
        validator.Providers.Select(provider => new OidcProviderResponse(provider.Name, provider.Options.Authority, provider.Options.ClientId)).ToArray());
}
