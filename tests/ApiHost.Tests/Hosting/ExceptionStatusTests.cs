using System.Net;
using Cluster.ApiHost.Hosting;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.ApiHost.Tests.Hosting;

public sealed class ExceptionStatusTests
{
    public static TheoryData<Exception, int> Cases => new()
    {
        { new GrainStorageException("PostgreSQL is restarting"), StatusCodes.Status503ServiceUnavailable },
        { new GrainCallException("Npgsql.NpgsqlException", "Exception while reading from stream"), StatusCodes.Status503ServiceUnavailable },
        { new GrainCallException("Npgsql.PostgresException", "57P01: terminating connection due to administrator command"), StatusCodes.Status503ServiceUnavailable },
        { new GrainCallException("MyGrains.BrokenInvariantException", "bug"), StatusCodes.Status500InternalServerError },
        { new InvalidOperationException("bug"), StatusCodes.Status500InternalServerError },
        { new InvalidDataException("bad multipart"), StatusCodes.Status400BadRequest },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StatusOf_Exception_OutagesAre503BugsAre500(Exception exception, int status)
    {
        var answered = ProblemDetailsExtensions.StatusOf(exception);

        Assert.Equal(status, answered);
    }

    [Fact]
    public async Task Request_StorageDown_Answers503ProblemWithRetryAfter()
    {
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath()).WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ThrowingStartupFilter(() => new GrainStorageException("PostgreSQL is restarting")))));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/test/storage-down");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Contains("offline:api", body, StringComparison.Ordinal);
        Assert.DoesNotContain("PostgreSQL is restarting", body, StringComparison.Ordinal);
    }
}
