using System.Text.Json;
using Cluster.Dashboard.Hosting;
using Cluster.Dashboard.Sampling;
using Cluster.Grains.Interfaces.Operations;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Dashboard.Endpoints;

/// <summary>
/// The log stream: every <see cref="Period"/>, the new lines of each live silo (and of this host, when it is not a
/// silo), filtered by level and text, as one SSE event. Reading is what keeps the sources collecting, so lines are
/// collected only while a stream is open (<see cref="RecentLogs.WatchLease"/>).
/// </summary>
internal static class DashboardLogStream
{
    /// <summary>How often the sources are read.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    // A source logging faster than this many pages a period falls behind and reports what it no longer kept.
    private const int PagesPerPeriod = 4;
    private const int MaxFilterLength = 200;

    public static async Task StreamAsync(HttpContext context, string? level, string? q, DashboardSampler sampler, IClusterClient client, TimeProvider time, IOptions<DashboardOptions> options)
    {
        var minimum = LogLevel.Information;
        if (level is not null && (!Enum.TryParse(level, ignoreCase: true, out minimum) || minimum is LogLevel.None || !Enum.IsDefined(minimum)))
        {
            await Problem("Give level as Trace, Debug, Information, Warning, Error or Critical: the lowest level to show.").ExecuteAsync(context);
            return;
        }

        if (q is { Length: > MaxFilterLength })
        {
            await Problem($"Give a filter text of at most {MaxFilterLength} characters.").ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var aborted = context.RequestAborted;
        var local = context.RequestServices.GetService<SiloStatistics>() is null ? context.RequestServices.GetService<RecentLogs>() : null;
        var cursors = new Dictionary<string, long>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            do
            {
                var batch = await ReadAsync(sampler, client, local, cursors, options.Value.SiloTimeout, aborted);
                var lines = batch.Lines.Where(line => Passes(line.Entry, minimum, q)).ToList();
                var data = JsonSerializer.Serialize(batch with { Lines = lines }, JsonSerializerOptions.Web);
                await response.WriteAsync($"event: logs\ndata: {data}\n\n", aborted);
                await response.Body.FlushAsync(aborted);
            }
            while (await timer.WaitForNextTickAsync(aborted));
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    private static async Task<LogBatch> ReadAsync(
        DashboardSampler sampler, IClusterClient client, RecentLogs? local, Dictionary<string, long> cursors, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Without the membership table this period, only this host's own lines are read; the stream goes on.
        IReadOnlyList<SiloMember> members;
        var unanswered = new List<string>();
        try
        {
            members = await sampler.MembersAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            members = [];
            unanswered.Add("cluster membership");
        }

        var sources = members.Where(member => DashboardSampler.LiveStatuses.Contains(member.Status))
            .Select(member => (Name: member.Silo, Read: (Func<long, Task<LogPage>>)(after => client.GetGrain<ISiloReportGrain>(member.Silo).ReadLogsAsync(after, cancellationToken))))
            .ToList();
        if (local is not null)
        {
            sources.Add(($"{Environment.MachineName} (this API host)", after => Task.FromResult(local.Read(after))));
        }

        var results = await Task.WhenAll(sources.Select(async source =>
        {
            try
            {
                var (lines, missed) = await ReadSourceAsync(source.Name, source.Read, cursors.GetValueOrDefault(source.Name), timeout, cancellationToken);
                return (source.Name, Lines: lines, Missed: missed, Answered: true);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return (source.Name, Lines: (List<LogLine>?)null, Missed: 0L, Answered: false);
            }
        }));

        foreach (var result in results.Where(result => result.Lines is { Count: > 0 }))
        {
            cursors[result.Name] = result.Lines![^1].Entry.Sequence;
        }

        // Sources that left take their cursors with them.
        foreach (var gone in cursors.Keys.Except(sources.Select(source => source.Name)).ToList())
        {
            cursors.Remove(gone);
        }

        var merged = results.SelectMany(result => result.Lines ?? []).OrderBy(line => line.Entry.Timestamp).ToList();
        unanswered.AddRange(results.Where(result => !result.Answered).Select(result => result.Name));
        return new LogBatch(merged, results.Sum(result => result.Missed), unanswered);
    }

    private static async Task<(List<LogLine> Lines, long Missed)> ReadSourceAsync(
        string name, Func<long, Task<LogPage>> read, long after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var lines = new List<LogLine>();
        var missed = 0L;
        for (var page = 0; page < PagesPerPeriod; page++)
        {
            var next = await read(after).WaitAsync(timeout, cancellationToken);
            lines.AddRange(next.Entries.Select(entry => new LogLine(name, entry)));
            missed += next.Missed;
            after = next.Last;
            if (next.Entries.Count < RecentLogs.MaxPage)
            {
                break;
            }
        }

        return (lines, missed);
    }

    private static bool Passes(LogEntry entry, LogLevel minimum, string? text) =>
        Enum.TryParse<LogLevel>(entry.Level, out var level) && level >= minimum
        && (string.IsNullOrEmpty(text)
            || entry.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
            || entry.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
            || entry.Exception?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);

    private static IResult Problem(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid log filter");
}
