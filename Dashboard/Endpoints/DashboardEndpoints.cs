using System.Text.Json;
using Cluster.Dashboard.Access;
using Cluster.Dashboard.Hosting;
using Cluster.Dashboard.Sampling;
using Cluster.Grains.Interfaces.Operations;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Dashboard.Endpoints;

/// <summary>The dashboard's page, its sign-in, its live figures (SSE) and its grain lookup and deactivation.</summary>
public static class DashboardEndpoints
{
    private const int MaxKeyLength = 512;

    public static IEndpointRouteBuilder MapClusterDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (!options.Enabled)
        {
            return endpoints;
        }

        var dashboard = endpoints.MapGroup(options.Path).ExcludeFromDescription().AllowAnonymous();
        dashboard.MapGet("/", DashboardAssets.Page);
        dashboard.MapGet("/assets/{name}", DashboardAssets.Asset);
        dashboard.MapGet("/session", GetSession);
        dashboard.MapPost("/session", SignIn).AddEndpointFilter(RequireIntent);
        dashboard.MapDelete("/session", SignOut).AddEndpointFilter(RequireIntent);

        var api = dashboard.MapGroup("/api").AddEndpointFilter(RequireAccess);
        api.MapGet("/samples", GetSamples);
        api.MapGet("/stream", StreamAsync);
        api.MapGet("/logs/stream", DashboardLogStream.StreamAsync);
        api.MapGet("/reminders", DashboardReminders.ListAsync);
        api.MapGet("/grains/{grainType}/{key}", LookUpAsync);
        api.MapGet("/grains/{grainType}/{key}/state", ReadStateAsync);
        api.MapPost("/grains/{grainType}/{key}/deactivate", DeactivateAsync).AddEndpointFilter(RequireIntent);
        return endpoints;
    }

    private static Ok<DashboardSessionResponse> GetSession(HttpContext context, DashboardAccess access) =>
        TypedResults.Ok(new DashboardSessionResponse(access.Allows(context), access.AcceptsOperatorToken));

    private static Results<NoContent, ProblemHttpResult> SignIn(OperatorSignInRequest request, HttpContext context, DashboardAccess access, IOptions<DashboardOptions> options)
    {
        if (!access.Matches(request.Token))
        {
            return Problem(StatusCodes.Status401Unauthorized, "Wrong operator token", "The token is not the one configured as Dashboard:OperatorToken; check it and try again.");
        }

        context.Response.Cookies.Append(DashboardAccess.CookieName, request.Token!, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = options.Value.Path,
            MaxAge = TimeSpan.FromHours(12),
        });
        return TypedResults.NoContent();
    }

    private static NoContent SignOut(HttpContext context, IOptions<DashboardOptions> options)
    {
        context.Response.Cookies.Delete(DashboardAccess.CookieName, new CookieOptions { Path = options.Value.Path });
        return TypedResults.NoContent();
    }

    private static Ok<IReadOnlyList<ClusterSample>> GetSamples(DashboardSampler sampler) => TypedResults.Ok(sampler.History);

    private static async Task StreamAsync(HttpContext context, DashboardSampler sampler)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var aborted = context.RequestAborted;
        await WriteEventAsync(response, "history", sampler.History, aborted);
        try
        {
            await foreach (var sample in sampler.WatchAsync(aborted))
            {
                await WriteEventAsync(response, "sample", sample, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    private static async Task<Results<Ok<GrainLookupResponse>, ProblemHttpResult>> LookUpAsync(
        string grainType, string key, DashboardSampler sampler, IClusterClient client, CancellationToken cancellationToken)
    {
        if (Invalid(grainType, key) is { } problem)
        {
            return problem;
        }

        var (host, asked, unanswered) = await FindHostAsync(grainType, key, sampler, client, cancellationToken);
        return TypedResults.Ok(new GrainLookupResponse(grainType, key, host, asked, unanswered));
    }

    private static async Task<Results<Ok<GrainStateResponse>, ProblemHttpResult>> ReadStateAsync(
        string grainType, string key, DashboardSampler sampler, IClusterClient client, CancellationToken cancellationToken)
    {
        if (Invalid(grainType, key) is { } problem)
        {
            return problem;
        }

        // A grain's states are known from its activation, and read from storage on its silo.
        var (host, _, unanswered) = await FindHostAsync(grainType, key, sampler, client, cancellationToken);
        if (host is null || await client.GetGrain<ISiloReportGrain>(host).ReadStatesAsync(grainType, key, cancellationToken) is not { } states)
        {
            return NotActive(grainType, key, unanswered, "to read its state, call it once so that it activates");
        }

        return TypedResults.Ok(new GrainStateResponse(grainType, key, host, states));
    }

    private static async Task<Results<Ok<GrainDeactivationResponse>, ProblemHttpResult>> DeactivateAsync(
        string grainType, string key, DashboardSampler sampler, IClusterClient client, CancellationToken cancellationToken)
    {
        if (Invalid(grainType, key) is { } problem)
        {
            return problem;
        }

        var (host, _, unanswered) = await FindHostAsync(grainType, key, sampler, client, cancellationToken);
        if (host is null || !await client.GetGrain<ISiloReportGrain>(host).DeactivateAsync(grainType, key, cancellationToken))
        {
            return NotActive(grainType, key, unanswered, "there is nothing to deactivate");
        }

        return TypedResults.Ok(new GrainDeactivationResponse(grainType, key, host));
    }

    private static async Task<(string? Host, int Asked, int Unanswered)> FindHostAsync(
        string grainType, string key, DashboardSampler sampler, IClusterClient client, CancellationToken cancellationToken)
    {
        var members = (await sampler.MembersAsync(cancellationToken)).Where(member => DashboardSampler.LiveStatuses.Contains(member.Status)).ToList();
        var answers = await Task.WhenAll(members.Select(async member =>
        {
            try
            {
                return (member.Silo, Hosts: (bool?)await client.GetGrain<ISiloReportGrain>(member.Silo).HostsAsync(grainType, key, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return (member.Silo, Hosts: null);
            }
        }));
        return (answers.FirstOrDefault(answer => answer.Hosts == true).Silo, members.Count, answers.Count(answer => answer.Hosts is null));
    }

    private static ProblemHttpResult NotActive(string grainType, string key, int unanswered, string consequence) =>
        Problem(StatusCodes.Status404NotFound, "Grain not active", unanswered > 0
            ? $"{grainType}/{key} is not active on any silo that answered; {unanswered} did not. Try again in a moment."
            : $"{grainType}/{key} is not active on any silo: {consequence}.");

    private static ProblemHttpResult? Invalid(string grainType, string key)
    {
        if (grainType.Length is 0 or > 200 || !grainType.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid grain type", "Give the grain type name as the runtime knows it (such as user or chat): letters, digits, '.', '-' or '_'.");
        }

        return key.Length is 0 or > MaxKeyLength
            ? Problem(StatusCodes.Status400BadRequest, "Invalid grain key", $"Give the grain's key, 1 to {MaxKeyLength} characters.")
            : null;
    }

    private static async ValueTask<object?> RequireAccess(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        return context.RequestServices.GetRequiredService<DashboardAccess>().Allows(context)
            ? await next(invocation)
            : Problem(StatusCodes.Status401Unauthorized, "Sign-in required", "The dashboard is for operators: sign in to the API host as an administrator, or enter the operator token set as Dashboard:OperatorToken.");
    }

    private static async ValueTask<object?> RequireIntent(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        invocation.HttpContext.Request.Headers.ContainsKey(DashboardAccess.IntentHeader)
            ? await next(invocation)
            : Problem(StatusCodes.Status400BadRequest, "Missing request header", $"Send the {DashboardAccess.IntentHeader} header with requests that change something (the dashboard page does).");

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);

    private static async Task WriteEventAsync<T>(HttpResponse response, string name, T data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, JsonSerializerOptions.Web)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
