using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.RateLimiting;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Auth;

/// <summary>
/// Sign-up, sign-in and sessions under <c>/api/auth</c>, as the chat frontend's contract (../shared/contracts/chat-api.md
/// §2, §3.1) has them: tokens in the body for API clients and in httpOnly cookies for browsers.
/// </summary>
public static class AuthEndpoints
{
    /// <summary>The header <c>GET /api/auth/me</c> sends the user's session version in.</summary>
    public const string SessionVersionHeader = "X-Session-Version";

    private const string RegistrationRefused = "Unable to complete registration. If this email is already registered, please sign in instead.";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/register", RegisterAsync).WithRateLimit(RateLimitOptions.Register);
        auth.MapPost("/login", LoginAsync).WithRateLimit(RateLimitOptions.Login).Accepts<CredentialsRequest>("application/json", "application/x-www-form-urlencoded");
        auth.MapPost("/guest", GuestAsync).WithRateLimit(RateLimitOptions.Guest);
        auth.MapPost("/guest/reset", ResetGuestAsync);
        auth.MapPost("/refresh", RefreshAsync).Accepts<RefreshRequest>(isOptional: true, "application/json");
        auth.MapPost("/logout", LogoutAsync);
        auth.MapGet("/me", MeAsync);
        auth.MapGet("/validate", ValidateAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RegisterAsync(
        CredentialsRequest request, HttpContext context, IClusterClient cluster, PasswordPolicy policy, PasswordHasher hasher,
        SignInFlow flow, CancellationToken cancellationToken)
    {
        if (EmailRules.Problem(request.Email) is { } emailProblem)
        {
            return ApiProblem.BadRequest(emailProblem);
        }

        var email = request.Email!.Trim();
        if (policy.Check(request.Password ?? string.Empty, email) is [_, ..] passwordProblems)
        {
            return ApiProblem.BadRequest(string.Join(" ", passwordProblems));
        }

        // Registering as a guest upgrades that guest in place: same id, so everything it made stays its own.
        var guest = context.Caller() is { User.Type: UserType.Guest } caller ? caller.User.Id : null;
        var newUser = new NewUser(guest ?? NewUserId(), email, hasher.Hash(request.Password!), UserType.Regular);
        var registered = await cluster.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(email)).RegisterAsync(newUser, cancellationToken);
        if (!registered.Created)
        {
            return ApiProblem.BadRequest(RegistrationRefused);
        }

        return await flow.SignedInAsync(registered.User!, context, cancellationToken);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LoginAsync(
        HttpContext context, IClusterClient cluster, PasswordHasher hasher, SignInFlow flow, LoginThrottle throttle,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var (credentials, problem) = await CredentialsReader.ReadAsync(context.Request, cancellationToken);
        if (credentials is null)
        {
            return ApiProblem.BadRequest(problem!);
        }

        if (await throttle.BlockedUntilAsync(credentials.Email!, cancellationToken) is { } blockedUntil)
        {
            return Locked(context, blockedUntil - timeProvider.GetUtcNow());
        }

        var ownerId = EmailRules.Problem(credentials.Email) is null
            ? await cluster.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(credentials.Email!)).GetOwnerAsync(cancellationToken)
            : null;
        var user = ownerId is null ? null : cluster.GetGrain<IUserGrain>(ownerId);
        var ticket = user is null ? null : await user.BeginSignInAsync(cancellationToken);
        if (ticket?.LockedUntil is { } lockedUntil)
        {
            return Locked(context, lockedUntil - timeProvider.GetUtcNow());
        }

        // Every refusal costs one password check and reads the same, so responses do not tell which accounts exist.
        var (matches, needsRehash) = ticket?.PasswordHash is { } hash ? hasher.Verify(hash, credentials.Password!) : (hasher.VerifyDecoy(credentials.Password!), false);
        if (user is not null && ticket?.PasswordHash is not null)
        {
            await user.CompleteSignInAsync(matches, cancellationToken);
        }

        if (!matches)
        {
            await throttle.RecordFailureAsync(credentials.Email!, cancellationToken);
            return ApiProblem.Unauthorized(SignInFlow.InvalidCredentials);
        }

        if (needsRehash)
        {
            await user!.RehashPasswordAsync(ticket!.PasswordHash!, hasher.Hash(credentials.Password!), cancellationToken);
        }

        var info = await user!.GetAsync(cancellationToken);
        return await flow.SignedInAsync(info!, context, cancellationToken);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> GuestAsync(
        HttpContext context, IClusterClient cluster, SignInService signIn, SignInFlow flow, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        // A browser that was a guest before stays that guest, with its chats.
        if (context.Request.Cookies[AuthCookies.GuestSession] is { Length: > 0 } guestToken
            && (await signIn.RefreshAsync(guestToken, cancellationToken)).SignedIn is { User.Type: UserType.Guest } resumed)
        {
            return flow.Respond(resumed, context);
        }

        var id = NewUserId();
        var email = $"guest-{timeProvider.GetUtcNow().ToUnixTimeMilliseconds()}{Random.Shared.Next(100_000, 1_000_000)}@anonymous.local";
        var guest = await cluster.GetGrain<IUserGrain>(id).CreateAsync(new NewUser(id, email, null, UserType.Guest), cancellationToken);
        return await flow.SignedInAsync(guest, context, cancellationToken);
    }

    private static async Task<Ok<SuccessResponse>> ResetGuestAsync(
        HttpContext context, SignInService signIn, AuthCookies cookies, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        await signIn.SignOutAsync(caller is { User.Type: UserType.Guest } ? caller : null, context.Request.Cookies[AuthCookies.GuestSession], cancellationToken);
        cookies.Clear(context.Response);
        return TypedResults.Ok(SuccessResponse.Done);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        HttpContext context, SignInService signIn, SignInFlow flow, AuthCookies cookies, CancellationToken cancellationToken)
    {
        var (body, problem) = await CredentialsReader.ReadRefreshAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            return ApiProblem.BadRequest(problem);
        }

        var token = body?.RefreshToken ?? AuthCookies.RefreshToken(context.Request);
        var (signedIn, _) = token is null ? (null, null) : await signIn.RefreshAsync(token, cancellationToken);
        if (signedIn is null)
        {
            cookies.Clear(context.Response);
            return ApiProblem.Unauthorized("The refresh token is missing, used, expired or revoked; sign in again.");
        }

        return flow.Respond(signedIn, context);
    }

    private static async Task<Ok<SuccessResponse>> LogoutAsync(
        HttpContext context, SignInService signIn, AuthCookies cookies, CancellationToken cancellationToken)
    {
        var (body, _) = await CredentialsReader.ReadRefreshAsync(context.Request, cancellationToken);
        await signIn.SignOutAsync(context.Caller(), body?.RefreshToken ?? AuthCookies.RefreshToken(context.Request), cancellationToken);
        cookies.Clear(context.Response);
        return TypedResults.Ok(SuccessResponse.Done);
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> MeAsync(
        HttpContext context, SignInService signIn, AuthCookies cookies, CancellationToken cancellationToken)
    {
        var user = context.Caller()?.User;
        if (user is null && AuthCookies.RefreshToken(context.Request) is { } refreshToken)
        {
            // The contract restores a browser whose access token lapsed from its session cookie, with new cookies.
            if ((await signIn.RefreshAsync(refreshToken, cancellationToken)).SignedIn is { } restored)
            {
                cookies.Set(context.Response, restored);
                user = restored.User;
            }
        }

        if (user is null)
        {
            return ApiProblem.Unauthorized("Not authenticated; sign in first.");
        }

        context.Response.Headers[SessionVersionHeader] = user.SessionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(MeResponse.From(user));
    }

    private static async Task<Results<Ok<ValidateResponse>, ProblemHttpResult>> ValidateAsync(
        HttpContext context, string? token, AccessTokenAuthenticator authenticator, CancellationToken cancellationToken)
    {
        var presented = ClusterAuthenticationHandler.TokenOf(context.Request);
        var candidate = presented.Token ?? (string.IsNullOrEmpty(token) ? null : token);
        var (caller, _, _) = candidate is null ? (null, null, null) : await authenticator.AuthenticateAsync(candidate, presented.FromCookie, cancellationToken);
        return caller is null
            ? ApiProblem.Unauthorized("No current access token in the Authorization header, the token query parameter or the auth_token cookie.")
            : TypedResults.Ok(new ValidateResponse(true, MeResponse.From(caller.User), caller.SessionId));
    }

    private static ProblemHttpResult Locked(HttpContext context, TimeSpan retryAfter) =>
        ApiProblem.TooManyRequests(context, "auth", "Too many failed sign-in attempts for this account; try again later.", retryAfter);

    private static string NewUserId() => Guid.CreateVersion7().ToString();
}
