using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.RateLimiting;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Auth;

/// <summary>Changing a password, and resetting a forgotten one by a mailed single-use link.</summary>
public static class PasswordEndpoints
{
    /// <summary>What a reset request always answers, whether or not the email has an account.</summary>
    public const string ResetRequested = "If an account exists for this email, a link to reset its password has been sent.";

    private const string ResetRefused = "The reset token is wrong, used or expired; request a new one.";

    public static IEndpointRouteBuilder MapPasswordEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/password/change", ChangeAsync).RequireAuthorization(IdentityPolicies.RegularUser);
        auth.MapPost("/password-reset/request", RequestResetAsync).WithRateLimit(RateLimitOptions.PasswordReset);
        auth.MapPost("/password-reset/confirm", ConfirmResetAsync).WithRateLimit(RateLimitOptions.PasswordReset);
        return endpoints;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> ChangeAsync(
        PasswordChangeRequest request, HttpContext context, IClusterClient cluster, PasswordPolicy policy, PasswordHasher hasher,
        SignInFlow flow, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var caller = context.RequiredCaller();
        if (caller.User.ExternalIssuer is not null)
        {
            return ApiProblem.BadRequest("This account signs in through its identity provider and has no password here; change it there.");
        }

        if (string.IsNullOrEmpty(request.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            return ApiProblem.BadRequest("Give both current_password and new_password.");
        }

        if (policy.Check(request.NewPassword, caller.User.Email) is [_, ..] problems)
        {
            return ApiProblem.BadRequest(string.Join(" ", problems));
        }

        // Proving the current password counts as a sign-in attempt, so a stolen session cannot guess it unthrottled.
        var user = cluster.GetGrain<IUserGrain>(caller.User.Id);
        var ticket = await user.BeginSignInAsync(cancellationToken);
        var matches = ticket?.PasswordHash is { } hash && hasher.Verify(hash, request.CurrentPassword).Matches;
        await user.CompleteSignInAsync(matches, cancellationToken);
        if (!matches)
        {
            return ticket?.LockedUntil is { } lockedUntil
                ? ApiProblem.TooManyRequests(context, "auth", "Too many failed attempts for this account; try again later.", lockedUntil - timeProvider.GetUtcNow())
                : ApiProblem.Unauthorized("The current password is wrong.");
        }

        // Every session ends, this one too; the caller continues in a new one, so only the others are signed out.
        var changed = await user.ChangePasswordHashAsync(hasher.Hash(request.NewPassword), cancellationToken);
        return await flow.SignedInAsync(changed, context, cancellationToken);
    }

    private static Results<Accepted<SuccessResponse>, ProblemHttpResult> RequestResetAsync(PasswordResetRequest request, PasswordResetMailer mailer)
    {
        if (EmailRules.Problem(request.Email) is { } problem)
        {
            return ApiProblem.BadRequest(problem);
        }

        mailer.Enqueue(request.Email!.Trim());
        return TypedResults.Accepted((string?)null, new SuccessResponse(true, ResetRequested));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> ConfirmResetAsync(
        PasswordResetConfirmRequest request, HttpContext context, IClusterClient cluster, PasswordPolicy policy, PasswordHasher hasher,
        SignInFlow flow, CancellationToken cancellationToken)
    {
        if (EmailRules.Problem(request.Email) is { } emailProblem)
        {
            return ApiProblem.BadRequest(emailProblem);
        }

        if (string.IsNullOrEmpty(request.ResetToken))
        {
            return ApiProblem.BadRequest("Give the reset_token from the mailed link.");
        }

        if (policy.Check(request.Password ?? string.Empty, request.Email) is [_, ..] problems)
        {
            return ApiProblem.BadRequest(string.Join(" ", problems));
        }

        var passwordHash = hasher.Hash(request.Password!);
        var ownerId = await cluster.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(request.Email!)).GetOwnerAsync(cancellationToken);
        var user = ownerId is null
            ? null
            : await cluster.GetGrain<IUserGrain>(ownerId).CompletePasswordResetAsync(PasswordResetMailer.HashToken(request.ResetToken), passwordHash, cancellationToken);
        return user is null ? ApiProblem.Unauthorized(ResetRefused) : await flow.SignedInAsync(user, context, cancellationToken);
    }
}
