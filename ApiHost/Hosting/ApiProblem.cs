using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Hosting;

/// <summary>
/// Error responses as ProblemDetails that also carry the chat frontend's <c>code</c> and canonical <c>message</c>
/// (../shared/contracts/chat-api.md §1): <c>detail</c> says what was wrong and what to do.
/// </summary>
public static class ApiProblem
{
    private const string GenericMessage = "Something went wrong. Please try again later.";

    private static readonly Dictionary<string, string> CanonicalMessages = new(StringComparer.Ordinal)
    {
        ["bad_request:api"] = "The request couldn't be processed. Please check your input and try again.",
        ["unauthorized:auth"] = "You need to sign in before continuing.",
        ["forbidden:auth"] = "Your account does not have access to this feature.",
        ["rate_limit:chat"] = "You have exceeded your maximum number of messages for the day. Please try again later.",
        ["not_found:chat"] = "The requested chat was not found. Please check the chat ID and try again.",
        ["forbidden:chat"] = "This chat belongs to another user. Please check the chat ID and try again.",
        ["unauthorized:chat"] = "You need to sign in to view this chat. Please sign in and try again.",
        ["offline:chat"] = "We're having trouble sending your message. Please check your internet connection and try again.",
        ["not_found:document"] = "The requested document was not found. Please check the document ID and try again.",
        ["forbidden:document"] = "This document belongs to another user. Please check the document ID and try again.",
        ["unauthorized:document"] = "You need to sign in to view this document. Please sign in and try again.",
        ["bad_request:document"] = "The request to create or update the document was invalid. Please check your input and try again.",
        ["not_found:plugin"] = "The requested plugin was not found or is not available to you.",
        ["bad_request:plugin"] = "The settings are not valid for this plugin. Please check your input and try again.",
        ["unprocessable:plugin"] = "The plugin's service refused the change.",
        ["bad_gateway:plugin"] = "The plugin's service is not available right now. Please try again later.",
        ["gateway_timeout:plugin"] = "The plugin's service did not answer in time. Please try again later.",
        ["bad_request:config"] = "The configuration is not valid. Please check it against its schema and try again.",
        ["not_found:config"] = "The requested configuration version was not found.",
        ["conflict:config"] = "The configuration changed in a way that does not allow this. Please reload it and try again.",
        ["forbidden:config"] = "Your account does not administer this configuration.",
        ["bad_request:channels"] = "The message could not be published. Please check it and try again.",
        ["forbidden:channels"] = "Your account does not have access to this channel.",
        ["bad_request:widgets"] = "The widget bundle cannot be registered as given. Please check its name and version.",
        ["unprocessable:widgets"] = "The widget bundle failed verification and was not used.",
        ["bad_gateway:widgets"] = "The package registry is not available right now. Please try again later.",
        ["not_found:widgets"] = "The requested widget bundle was not found. Please check its name and version.",
        ["offline:widgets"] = "The widget bundle cannot be loaded right now. Please try again later.",
    };

    /// <summary>400 <c>bad_request:api</c>.</summary>
    public static ProblemHttpResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "bad_request:api", detail);

    /// <summary>401 <c>unauthorized:auth</c>.</summary>
    public static ProblemHttpResult Unauthorized(string detail) => Create(StatusCodes.Status401Unauthorized, "unauthorized:auth", detail);

    /// <summary>403 <c>forbidden:auth</c>.</summary>
    public static ProblemHttpResult Forbidden(string detail) => Create(StatusCodes.Status403Forbidden, "forbidden:auth", detail);

    /// <summary>403 <c>forbidden:&lt;surface&gt;</c>.</summary>
    public static ProblemHttpResult Forbidden(string surface, string detail) => Create(StatusCodes.Status403Forbidden, $"forbidden:{surface}", detail);

    /// <summary>404 <c>not_found:&lt;surface&gt;</c>.</summary>
    public static ProblemHttpResult NotFound(string surface, string detail) => Create(StatusCodes.Status404NotFound, $"not_found:{surface}", detail);

    /// <summary>409 <c>conflict:&lt;surface&gt;</c>.</summary>
    public static ProblemHttpResult Conflict(string surface, string detail) => Create(StatusCodes.Status409Conflict, $"conflict:{surface}", detail);

    /// <summary>429 <c>rate_limit:&lt;surface&gt;</c>, with <c>Retry-After</c> in whole seconds (at least 1).</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext context, string surface, string detail, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = ((long)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        return Create(StatusCodes.Status429TooManyRequests, $"rate_limit:{surface}", detail);
    }

    /// <summary>A problem with <paramref name="status"/>, <paramref name="code"/> and its canonical message.</summary>
    public static ProblemHttpResult Create(int status, string code, string detail) => Create(status, code, detail, errors: null);

    /// <summary>A problem as <see cref="Create(int, string, string)"/> makes it, listing <paramref name="errors"/> (when any) in an <c>errors</c> member.</summary>
    public static ProblemHttpResult Create(int status, string code, string detail, IReadOnlyList<string>? errors)
    {
        var extensions = Extensions(code);
        if (errors is { Count: > 0 })
        {
            extensions["errors"] = errors;
        }

        // The chat frontend's fetchers read the cause; the contract recommends it next to detail.
        extensions["cause"] = detail;
        return TypedResults.Problem(detail: detail, statusCode: status, extensions: extensions);
    }

    /// <summary>The <c>code</c> and <c>message</c> members for <paramref name="code"/>.</summary>
    public static Dictionary<string, object?> Extensions(string code) => new(StringComparer.Ordinal)
    {
        ["code"] = code,
        ["message"] = CanonicalMessages.GetValueOrDefault(code, GenericMessage),
    };
}
