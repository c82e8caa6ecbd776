using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Tests.Chats;

/// <summary>
/// An OpenAI-compatible chat completions server on a real loopback port, answering each request with the next scripted
/// reply (the last one repeats), and keeping what each request sent.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _replies = new();
    private readonly ConcurrentQueue<(string Path, string Query, string? Authorization, string? ApiKey, string Body)> _requests = new();
    private Func<HttpContext, Task>? _last;
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<(string Path, string Query, string? Authorization, string? ApiKey, string Body)> Requests => [.. _requests];

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        server._app = builder.Build();
        server._app.MapPost("/v1/chat/completions", server.HandleAsync);
        await server._app.StartAsync();
        server.BaseUrl = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/v1";
        return server;
    }

    /// <summary>Queues a reply.</summary>
    public FakeOpenAiServer Then(Func<HttpContext, Task> reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    /// <summary>A streamed reply: each event as <c>data: …</c>, <paramref name="delay"/> apart, then <c>[DONE]</c> unless told not to.</summary>
    public static Func<HttpContext, Task> Stream(IEnumerable<string> events, TimeSpan delay = default, bool done = true) => async context =>
    {
        context.Response.ContentType = "text/event-stream";
        foreach (var data in events)
        {
            await context.Response.WriteAsync($"data: {data}\n\n");
            await context.Response.Body.FlushAsync();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }
        }

        if (done)
        {
            await context.Response.WriteAsync("data: [DONE]\n\n");
        }
    };

    public static Func<HttpContext, Task> Status(int status, string body = """{"error":{"message":"scripted failure"}}""") => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    };

    /// <summary>Headers, then nothing for a long time.</summary>
    public static Func<HttpContext, Task> Hang() => async context =>
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync();
        await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
    };

    public static string Delta(string? content = null, string? reasoning = null) =>
        "{\"choices\":[{\"index\":0,\"delta\":{" + string.Join(',', new[]
        {
            reasoning is null ? null : $"\"reasoning_content\":{System.Text.Json.JsonSerializer.Serialize(reasoning)}",
            content is null ? null : $"\"content\":{System.Text.Json.JsonSerializer.Serialize(content)}",
        }.Where(part => part is not null)) + "}}]}";

    public static string Usage(int prompt, int completion, int reasoning) =>
        $"{{\"choices\":[],\"usage\":{{\"prompt_tokens\":{prompt},\"completion_tokens\":{completion},\"completion_tokens_details\":{{\"reasoning_tokens\":{reasoning}}}}}}}";

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        _requests.Enqueue((context.Request.Path, context.Request.QueryString.Value ?? string.Empty, context.Request.Headers.Authorization.ToString(), context.Request.Headers["api-key"].ToString(), await reader.ReadToEndAsync()));
        var reply = _replies.TryDequeue(out var next) ? _last = next : _last ?? Status(500);
        try
        {
            await reply(context);
        }
        catch (OperationCanceledException)
        {
            // The client gave up.
        }
    }
}
