using Cluster.Runtime.Messaging;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Transport;

namespace Cluster.ApiHost.Hosting;

/// <summary>Every error as ProblemDetails; a malformed request says what was wrong with it, nothing internal leaks.</summary>
public static class ProblemDetailsExtensions
{
    private const string NpgsqlNamespace = "Npgsql.";

    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        // Binding failures (malformed JSON, missing body) are thrown so the exception handler can describe them.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (context.Exception is BadHttpRequestException or InvalidDataException)
            {
                problem.Title = "The request is malformed.";
                problem.Detail = context.Exception.Message;
            }

            // Every problem carries the chat frontend's code and message (../shared/contracts/chat-api.md §1).
            if (!problem.Extensions.ContainsKey("code"))
            {
                foreach (var (key, value) in ApiProblem.Extensions(CodeOf(problem.Status ?? StatusCodes.Status500InternalServerError)))
                {
                    problem.Extensions[key] = value;
                }
            }

            if (context.Exception is { } exception && IsOutage(exception))
            {
                problem.Detail = "The cluster or its database cannot be reached right now; try again in a few seconds.";
                context.HttpContext.Response.Headers.RetryAfter = "2";
            }

            // The id under which the failure is logged (the correlation id), so support can find it; nothing else about it.
            if (problem.Status >= StatusCodes.Status500InternalServerError)
            {
                problem.Extensions["errorId"] = context.HttpContext.TraceIdentifier;
                problem.Detail ??= "Something went wrong on our side; quote the errorId when you report it.";
            }
        });
        return services;
    }

    public static IApplicationBuilder UseApiExceptionHandler(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = StatusOf,
        });

    /// <summary>The status an unhandled exception answers with.</summary>
    internal static int StatusOf(Exception exception) => exception switch
    {
        // A malformed multipart form throws InvalidDataException while the body is read: the client's fault.
        BadHttpRequestException badRequest => badRequest.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,

        // The cluster or its database out of reach is a moment's outage to retry, not a bug.
        _ when IsOutage(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    // A grain's query that met a database restart reaches the caller as the driver's exception type, recreated or by
    // name (the runtime passes type and message only), so it is recognized by its namespace.
    private static bool IsOutage(Exception exception) => exception switch
    {
        SiloUnavailableException or GrainCallTimeoutException or TransportException or GrainStorageException => true,
        GrainCallException opaque => opaque.OriginalTypeName.StartsWith(NpgsqlNamespace, StringComparison.Ordinal),
        _ => exception.GetType().FullName?.StartsWith(NpgsqlNamespace, StringComparison.Ordinal) == true,
    };

    private static string CodeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "unauthorized:auth",
        StatusCodes.Status403Forbidden => "forbidden:auth",
        StatusCodes.Status404NotFound => "not_found:api",
        StatusCodes.Status429TooManyRequests => "rate_limit:api",
        >= 500 => "offline:api",
        _ => "bad_request:api",
    };
}
