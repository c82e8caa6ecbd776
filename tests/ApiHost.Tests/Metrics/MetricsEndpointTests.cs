using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.ApiHost.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Scrape_AfterAGrainCall_ShowsTheCallItsStateWriteActivationsAndProcessFigures()
    {
        await using var factory = FromAddress(IPAddress.Loopback);
        using var client = factory.CreateClient();
        using (await client.GetAsync("/metrics"))
        {
        }

        using (await client.PostAsync($"/api/demo/counters/m-{Guid.NewGuid():N}/increment", JsonContent.Create(new { amount = 2 })))
        {
        }

        using var response = await client.GetAsync("/metrics");
        var families = PrometheusParser.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("0.0.4", response.Content.Headers.ContentType?.Parameters.Single(parameter => parameter.Name == "version").Value);
        var calls = families["cluster_grain_call_duration_seconds"];
        Assert.Equal("histogram", calls.Type);
        Assert.Equal(1, Assert.Single(calls.Where("cluster_grain_call_duration_seconds_count", ("method", "IncrementAsync"), ("outcome", "ok"))).Value);
        var writes = families["cluster_storage_operation_duration_seconds"].Where("cluster_storage_operation_duration_seconds_count", ("operation", "write"), ("outcome", "ok"));
        Assert.True(writes.Sum(sample => sample.Value) >= 1);
        Assert.Contains(families["cluster_grain_activations"].Samples, sample => sample.Value >= 1);
        Assert.Contains("http_server_request_duration_seconds", families.Keys);
        Assert.Contains(families.Keys, name => name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Contains(families.Keys, name => name.StartsWith("dotnet_process_cpu_time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scrape_WithABearerTokenSet_RefusedWithoutIt()
    {
        const string Token = "a-long-scrape-secret-0123456789";
        await using var factory = FromAddress(IPAddress.IPv6Loopback).WithWebHostBuilder(builder => builder.UseSetting("Metrics:BearerToken", Token));
        using var client = factory.CreateClient();

        using var without = await client.GetAsync("/metrics");
        using var wrong = await SendAsync(client, "not-the-secret-at-all-0000");
        using var right = await SendAsync(client, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Contains("Metrics:BearerToken", await without.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.1.2.3")]
    [InlineData(null)]
    public async Task Scrape_FromOutsideTheAllowedNetworks_Forbidden(string? address)
    {
        await using var factory = address is null ? new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath()) : FromAddress(IPAddress.Parse(address));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Metrics:AllowedNetworks", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Scrape_FromAConfiguredNetwork_Served()
    {
        await using var factory = FromAddress(IPAddress.Parse("::ffff:10.20.0.5"))
            .WithWebHostBuilder(builder => builder.UseSetting("Metrics:AllowedNetworks:0", "10.20.0.0/16"));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // The test server gives requests no peer address; these get one.
    private static WebApplicationFactory<Program> FromAddress(IPAddress address) =>
        new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath())
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddress(address))));

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
