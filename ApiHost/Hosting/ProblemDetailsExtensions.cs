namespace Cluster.ApiHost.Hosting;

/// <summary>Every error as ProblemDetails; a malformed request says what was wrong with it, nothing internal leaks.</summary>
public static class ProblemDetailsExtensions
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        // Binding failures (malformed JSON, missing body) are thrown so the exception handler can describe them.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException badRequest)
            {
                context.ProblemDetails.Title = "The request is malformed.";
                context.ProblemDetails.Detail = badRequest.Message;
            }
        });
        return services;
    }

    public static IApplicationBuilder UseApiExceptionHandler(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException badRequest
                ? badRequest.StatusCode
                : StatusCodes.Status500InternalServerError,
        });
}
