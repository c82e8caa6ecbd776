namespace Cluster.ApiHost.Hosting;

/// <summary>The API's OpenAPI document at <c>/openapi/v1.json</c>, browsable with Swagger UI at <c>/docs</c> and ReDoc at <c>/redoc</c>.</summary>
public static class ApiDocumentationExtensions
{
    private const string DocumentPath = "/openapi/v1.json";

    public static WebApplicationBuilder AddApiDocumentation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();

        // Only for their own paths: both match every request's path with a regular expression otherwise.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/docs"), docs => docs.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.DocumentTitle = "Cluster API";
            options.SwaggerEndpoint(DocumentPath, "Cluster API v1");
        }));
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/redoc"), redoc => redoc.UseReDoc(options =>
        {
            options.RoutePrefix = "redoc";
            options.DocumentTitle = "Cluster API";
            options.SpecUrl = DocumentPath;
        }));
        return app;
    }
}
