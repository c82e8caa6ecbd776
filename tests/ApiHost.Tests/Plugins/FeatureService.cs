using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.ApiHost.Tests.Plugins;

/// <summary>
/// A feature service on a real loopback port, as a plugin author would write one: <c>/health</c>,
/// <c>/plugin/manifest</c>, <c>/plugin/settings</c> (JSON Merge Patch), and an API whose greeting follows the settings,
/// plus a streamed upload, an SSE stream, a slow and a failing route. It can be stopped and started again on its port.
/// </summary>
public sealed class FeatureService : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private JsonObject _settings;
    private WebApplication? _app;
    private int _port;
    private long _uploadReceived;

    private FeatureService(string id, JsonObject settings)
    {
        Id = id;
        _settings = settings;
    }

    public string Id { get; }

    public string BaseUrl => $"http://127.0.0.1:{_port}/";

    /// <summary>Whether <c>/health</c> answers 200 (else 503).</summary>
    public bool Healthy { get; set; } = true;

    /// <summary>The manifest served as it is; null answers 404.</summary>
    public string? Manifest { get; set; }

    /// <summary>How many settings changes reached the service.</summary>
    public int SettingsPatches { get; private set; }

    /// <summary>The last request headers of <c>/api/echo</c>, by lower-case name.</summary>
    public Dictionary<string, string> LastHeaders { get; private set; } = [];

    /// <summary>How many bytes of the upload under way have arrived.</summary>
    public long UploadReceived => Interlocked.Read(ref _uploadReceived);

    /// <summary>Completed by the test to let <c>/api/events</c> send its second event.</summary>
    public TaskCompletionSource SecondEvent { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public JsonObject Settings
    {
        get
        {
            lock (_lock)
            {
                return (JsonObject)_settings.DeepClone();
            }
        }
    }

    /// <summary>A fresh id for a test's own service.</summary>
    public static string NewId(string prefix = "svc") => $"{prefix}-{Guid.NewGuid():N}"[..30];

    public static async Task<FeatureService> StartAsync(string? id = null, JsonObject? settings = null)
    {
        var service = new FeatureService(id ?? NewId(), settings ?? new JsonObject { ["greeting"] = "hello", ["api_key"] = "sk-original", ["retries"] = 1 });
        service.Manifest = ManifestJson(service.Id);
        await service.StartAsync();
        return service;
    }

    /// <summary>A manifest with a settings schema (greeting, secret api_key, retries 0–5) and the given access rules.</summary>
    public static string ManifestJson(string id, string version = "1.0.0", bool allowSuperuser = true, params string[] requiredGroups) => new JsonObject
    {
        ["id"] = id,
        ["name"] = $"Test service {id}",
        ["version"] = version,
        ["description"] = "A feature service of the tests",
        ["settings_schema"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["greeting"] = new JsonObject { ["type"] = "string", ["maxLength"] = 20 },
                ["api_key"] = new JsonObject { ["type"] = "string", ["secret"] = true },
                ["retries"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 5 },
            },
        },
        ["ui"] = new JsonObject { ["icon"] = "puzzle", ["route"] = $"/apps/{id}" },
        ["access"] = new JsonObject { ["allow_superuser"] = allowSuperuser, ["required_groups"] = new JsonArray([.. requiredGroups.Select(group => JsonValue.Create(group))]) },
    }.ToJsonString();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        app.MapGet("/health", () => Healthy ? Results.Ok("ok") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/plugin/manifest", () => Manifest is null ? Results.NotFound() : Results.Text(Manifest, "application/json"));
        app.MapGet("/plugin/settings", () => Results.Json(Settings));
        app.MapPatch("/plugin/settings", (Func<HttpContext, Task<IResult>>)PatchSettingsAsync);
        app.MapGet("/api/greeting", (HttpContext context) => Results.Json(new { greeting = Settings["greeting"]?.GetValue<string>(), user = context.Request.Headers["x-user-id"].ToString() }));
        app.Map("/api/echo/{**rest}", Echo);
        app.MapPost("/api/upload", (Func<HttpContext, Task<IResult>>)UploadAsync);
        app.MapGet("/api/events", EventsAsync);
        app.MapGet("/api/slow", async (CancellationToken token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Results.Ok();
        });
        app.MapGet("/api/unavailable", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/plugin/secret-admin", () => Results.Ok("must not be reachable through the proxy"));
        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _port = new Uri(address).Port;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<IResult> PatchSettingsAsync(HttpContext context)
    {
        var patch = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        if (patch is null || patch["greeting"]?.GetValue<string>() == "refuse")
        {
            return Results.Json(new { detail = "greeting 'refuse' is not accepted" }, statusCode: StatusCodes.Status400BadRequest);
        }

        lock (_lock)
        {
            SettingsPatches++;
            _settings = (JsonObject)Grains.Users.JsonMergePatch.Apply(_settings, patch)!;
            return Results.Json(_settings.DeepClone());
        }
    }

    private IResult Echo(HttpContext context)
    {
        LastHeaders = context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString());

        // Headers a careless or hostile service might send back.
        context.Response.Headers["Set-Cookie"] = "service-session=1; Path=/";
        context.Response.Headers.ContentSecurityPolicy = "default-src *";
        context.Response.Headers["Access-Control-Allow-Origin"] = "*";
        context.Response.Headers["X-Service"] = "kept";
        return Results.Json(new { path = context.Request.Path.Value, query = context.Request.QueryString.Value, method = context.Request.Method });
    }

    private async Task<IResult> UploadAsync(HttpContext context)
    {
        Interlocked.Exchange(ref _uploadReceived, 0);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            Interlocked.Add(ref _uploadReceived, read);
        }

        return Results.Json(new { bytes = UploadReceived, sha256 = Convert.ToHexString(hash.GetHashAndReset()) });
    }

    private async Task EventsAsync(HttpContext context)
    {
        SecondEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync("data: one\n\n");
        await context.Response.Body.FlushAsync();
        await SecondEvent.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
        await context.Response.WriteAsync("data: two\n\n");
    }

    /// <summary>The settings document as JSON text.</summary>
    public override string ToString() => JsonSerializer.Serialize(Settings);
}
