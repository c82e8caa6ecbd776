using Cluster.ApiHost.Audit;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Cluster.ApiHost.Auth;

/// <summary>The last step of every sign-in route: a session, its tokens in the body and in cookies.</summary>
public sealed class SignInFlow(SignInService signIn, AuthCookies cookies, TimeProvider timeProvider)
{
    /// <summary>What a sign-in answers when the account may not sign in after all.</summary>
    public const string InvalidCredentials = "Invalid email or password.";

    /// <summary>Starts a session for <paramref name="user"/> and answers its tokens; 401 when the user may not sign in.</summary>
    public async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SignedInAsync(UserInfo user, HttpContext context, CancellationToken cancellationToken)
    {
        var signedIn = await signIn.StartSessionAsync(user, context.Request.Headers[HeaderNames.UserAgent].ToString(), cancellationToken);
        return signedIn is null ? ApiProblem.Unauthorized(InvalidCredentials) : Respond(signedIn, context);
    }

    /// <summary>Sets the cookies of <paramref name="signedIn"/> and answers its tokens.</summary>
    public Ok<TokenResponse> Respond(SignedIn signedIn, HttpContext context)
    {
        context.Features.Set(new AuditActor(signedIn.User.Id));
        cookies.Set(context.Response, signedIn);
        return TypedResults.Ok(TokenResponse.From(signedIn, timeProvider.GetUtcNow()));
    }
}
