namespace Cluster.ApiHost.Identity;

/// <summary>The authenticated caller of a request, as <see cref="ClusterAuthenticationHandler"/> found it.</summary>
public static class CallerExtensions
{
    /// <summary>The caller, or null for an anonymous request or one with a refused token.</summary>
    public static AuthenticatedCaller? Caller(this HttpContext context) => context.Features.Get<AuthenticatedCaller>();

    /// <summary>The caller of a route that requires authorization, which guarantees there is one.</summary>
    public static AuthenticatedCaller RequiredCaller(this HttpContext context) =>
        context.Caller() ?? throw new InvalidOperationException("The route needs RequireAuthorization: no caller was authenticated.");
}
