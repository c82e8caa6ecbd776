using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Hosting;

/// <summary>
/// Refuses bodies over <see cref="HttpSecurityOptions.MaxRequestBodyBytes"/>: at once with 413 when
/// <c>Content-Length</c> says so, and through the server's body limit when the body is streamed without one (reading
/// past the limit then fails with 413 too). A route may allow more with <c>WithRequestSizeLimit</c> (file uploads).
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next, IOptions<HttpSecurityOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return ApiProblem.Create(
                StatusCodes.Status413PayloadTooLarge,
                "bad_request:api",
                $"The request body is {context.Request.ContentLength} bytes; at most {limit} are accepted.").ExecuteAsync(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
