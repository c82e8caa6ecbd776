using System.Net;
using System.Text.Json;

namespace Cluster.ApiHost.Tests.Hosting;

public sealed class ApiDocumentationTests
{
    [Fact]
    public async Task OpenApiDocument_ListsTheIdentityRoutes()
    {
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath());
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(
            (string[])["/api/auth/login", "/api/auth/register", "/api/auth/refresh", "/api/users/me/preferences", "/api/admin/groups/{id}", "/.well-known/jwks.json"],
            path => Assert.True(paths.TryGetProperty(path, out _), path));
    }

    [Theory]
    [InlineData("/docs/index.html")]
    [InlineData("/redoc/index.html")]
    public async Task DocumentationPage_Served(string path)
    {
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath());
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Cluster API</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
