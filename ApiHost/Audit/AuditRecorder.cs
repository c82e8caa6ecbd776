using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Audit;

namespace Cluster.ApiHost.Audit;

/// <summary>
/// Records every state-changing API request (POST, PUT, PATCH, DELETE under <c>/api</c>, sign-ins included) once it
/// is answered: actor, action (method and route), target (the route's ids), outcome, client address, correlation
/// id, time. Recording only queues (<see cref="AuditTrail"/>); no request waits on the audit trail.
/// </summary>
public sealed class AuditRecorder(RequestDelegate next, AuditTrail trail, TimeProvider timeProvider)
{
    private const int MaxTargetLength = 300;

    // Reads pass straight through, with no async frame of their own: they are most requests, and none is audited.
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/api")
            ? next(context)
            : RecordAsync(context);
    }

    private async Task RecordAsync(HttpContext context)
    {
        var request = context.Request;
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            trail.Record(new AuditEntry(
                Guid.CreateVersion7().ToString("N"),
                timeProvider.GetUtcNow(),
                context.Caller()?.User.Id ?? context.Features.Get<AuditActor>()?.UserId,
                $"{request.Method} {RouteOf(context)}",
                TargetOf(context),
                failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
                context.Connection.RemoteIpAddress?.ToString(),
                context.TraceIdentifier));
        }
    }

    // A group's "/" route reads "/api/admin/groups/"; actions are named without the trailing slash.
    private static string? RouteOf(HttpContext context) =>
        ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value)?.TrimEnd('/');

    private static string? TargetOf(HttpContext context)
    {
        var values = context.Request.RouteValues;
        var detail = context.Features.Get<AuditDetail>()?.Text;
        if (values.Count == 0 && detail is null)
        {
            return null;
        }

        var target = string.Join(", ", values.Select(pair => $"{pair.Key}={pair.Value}").Append(detail).OfType<string>());
        return target.Length <= MaxTargetLength ? target : target[..MaxTargetLength];
    }
}
