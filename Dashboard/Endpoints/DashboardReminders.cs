using Cluster.Dashboard.Hosting;
using Cluster.Dashboard.Sampling;
using Cluster.Grains.Interfaces.Operations;
using Cluster.Runtime.Core;
using Cluster.Runtime.Reminders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cluster.Dashboard.Endpoints;

/// <summary>
/// The Reminders page's data: the cluster's reminders as their partitions serve them, asked of one live silo (the
/// first that answers), since the serving host may be a client without the reminder storage.
/// </summary>
internal static class DashboardReminders
{
    private const int DefaultLimit = 200;
    private const int MaxFilterLength = 200;

    public static async Task<Results<Ok<ReminderOverview>, ProblemHttpResult>> ListAsync(
        string? q, int? limit, DashboardSampler sampler, IClusterClient client, IOptions<DashboardOptions> options, CancellationToken cancellationToken)
    {
        if (q is { Length: > MaxFilterLength })
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid filter", $"Give a filter text of at most {MaxFilterLength} characters.");
        }

        if (limit is < 1 or > ReminderDirectory.MaxLimit)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit", $"Give limit from 1 to {ReminderDirectory.MaxLimit}, or leave it out for {DefaultLimit}.");
        }

        var members = (await sampler.MembersAsync(cancellationToken)).Where(member => DashboardSampler.LiveStatuses.Contains(member.Status));
        foreach (var member in members)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.Value.SiloTimeout);
            try
            {
                var overview = await client.GetGrain<ISiloReportGrain>(member.Silo).ReadRemindersAsync(q ?? string.Empty, limit ?? DefaultLimit, deadline.Token);
                return TypedResults.Ok(overview);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // This silo could not answer (leaving, or its storage unreachable): ask the next.
            }
        }

        return Problem(StatusCodes.Status503ServiceUnavailable, "No silo answered", "No live silo could list the reminders (their storage may be unreachable); try again in a moment.");
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
