using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Demo;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Demo;

/// <summary>
/// The demonstration routes: an HTTP call reaches a grain, which persists its state. The real API comes
/// with the identity, chat, plugin and config features.
/// </summary>
public static class DemoEndpoints
{
    public static IEndpointRouteBuilder MapDemoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var counters = endpoints.MapGroup("/api/demo/counters").WithTags("Demo");
        counters.MapGet("/{name}", GetCounterAsync);
        counters.MapPost("/{name}/increment", IncrementCounterAsync);
        counters.MapPut("/{name}/schedule", ScheduleCounterAsync).RequireAuthorization(IdentityPolicies.Admin);
        counters.MapDelete("/{name}/schedule", UnscheduleCounterAsync).RequireAuthorization(IdentityPolicies.Admin);
        return endpoints;
    }

    private static async Task<Results<Ok<CounterResponse>, ValidationProblem>> GetCounterAsync(
        string name, IClusterClient client, CancellationToken cancellationToken)
    {
        if (CounterValidation.ValidateName(name) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var counter = await client.GetGrain<ICounterGrain>(name).GetAsync(cancellationToken);
        return TypedResults.Ok(CounterResponse.From(counter));
    }

    private static async Task<Results<Ok<CounterResponse>, ValidationProblem>> IncrementCounterAsync(
        string name, IncrementCounterRequest request, IClusterClient client, CancellationToken cancellationToken)
    {
        if ((CounterValidation.ValidateName(name) ?? CounterValidation.ValidateIncrement(request)) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var counter = await client.GetGrain<ICounterGrain>(name).IncrementAsync(request.Amount, cancellationToken);
        return TypedResults.Ok(CounterResponse.From(counter));
    }

    private static async Task<Results<Ok<CounterResponse>, ValidationProblem>> ScheduleCounterAsync(
        string name, ScheduleCounterRequest request, IClusterClient client, CancellationToken cancellationToken)
    {
        if ((CounterValidation.ValidateName(name) ?? CounterValidation.ValidateSchedule(request)) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var counter = await client.GetGrain<ICounterGrain>(name).ScheduleAsync(request.Amount, TimeSpan.FromSeconds(request.EverySeconds), cancellationToken);
            return TypedResults.Ok(CounterResponse.From(counter));
        }
        catch (ArgumentOutOfRangeException refused)
        {
            // The cluster's reminder settings are the silos': their refusal says which period they take.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["everySeconds"] = [refused.Message] });
        }
    }

    private static async Task<Results<Ok<CounterResponse>, ValidationProblem>> UnscheduleCounterAsync(
        string name, IClusterClient client, CancellationToken cancellationToken)
    {
        if (CounterValidation.ValidateName(name) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var counter = await client.GetGrain<ICounterGrain>(name).UnscheduleAsync(cancellationToken);
        return TypedResults.Ok(CounterResponse.From(counter));
    }
}
