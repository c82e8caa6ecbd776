using Cluster.ApiHost.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Widgets;

/// <summary>The problem responses of widget failures.</summary>
public static class WidgetProblems
{
    public static ProblemHttpResult Of(WidgetException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Failure switch
        {
            WidgetFailure.Invalid or WidgetFailure.HostNotAllowed => ApiProblem.Create(StatusCodes.Status400BadRequest, "bad_request:widgets", exception.Message),
            WidgetFailure.NotFound => ApiProblem.Create(StatusCodes.Status404NotFound, "not_found:widgets", exception.Message),
            WidgetFailure.Storage => ApiProblem.Create(StatusCodes.Status503ServiceUnavailable, "offline:widgets", exception.Message),
            WidgetFailure.Registry => ApiProblem.Create(StatusCodes.Status502BadGateway, "bad_gateway:widgets", exception.Message),
            _ => ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "unprocessable:widgets", exception.Message),
        };
    }
}
