using System.Text.Json;
using Cluster.Grains.Chats.Models;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Grains.Interfaces.Settings;
using Cluster.Grains.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Tests.Chats;

/// <summary>The OpenAI-compatible provider against a real OpenAI-compatible server on loopback.</summary>
public sealed class OpenAiCompatibleModelTests
{
    private static readonly ChatPromptMessage[] Conversation = [new("user", "Hello \"there\" ✓")];

    [Fact]
    public async Task Stream_ReasoningTextAndUsage_ArePassedOnInOrderWithTheRequestAsSent()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Then(FakeOpenAiServer.Stream(
        [
            FakeOpenAiServer.Delta(reasoning: "Think"), FakeOpenAiServer.Delta(content: "Hi"), FakeOpenAiServer.Delta(content: " there"),
            FakeOpenAiServer.Usage(7, 3, 1),
        ]));
        var (provider, model) = Create(server);

        var items = await ReadAllAsync(provider.StreamAsync(model, Conversation, CancellationToken.None));

        Assert.Equal(
            [ModelStreamItem.OfReasoning("Think"), ModelStreamItem.OfText("Hi"), ModelStreamItem.OfText(" there")],
            items.Where(item => item.Kind != ModelStreamItemKind.Usage));
        Assert.Equal(new ModelUsage(7, 3, 1), items[^1].Usage);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer test-key", request.Authorization);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("gpt-test", body.RootElement.GetProperty("model").GetString());
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.Equal("Hello \"there\" ✓", body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(64, body.RootElement.GetProperty("max_completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_AdministeredConnection_OverridesTheConfiguredOne()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Then(FakeOpenAiServer.Stream([FakeOpenAiServer.Delta(content: "ok")]));
        var (provider, model) = Create(server, new AiConnectionInfo(server.BaseUrl, "administered-key", "2024-10-21", null), ("BaseUrl", "http://127.0.0.1:1/v1"));

        var items = await ReadAllAsync(provider.StreamAsync(model, Conversation, CancellationToken.None));

        Assert.Equal("ok", Assert.Single(items).Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal(string.Empty, request.Authorization);
        Assert.Equal("administered-key", request.ApiKey);
        Assert.Contains("api-version=2024-10-21", request.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ServerErrorsBeforeTheFirstToken_AreRetried()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Then(FakeOpenAiServer.Status(503)).Then(FakeOpenAiServer.Status(429)).Then(FakeOpenAiServer.Stream([FakeOpenAiServer.Delta(content: "ok")]));
        var (provider, model) = Create(server);

        var items = await ReadAllAsync(provider.StreamAsync(model, Conversation, CancellationToken.None));

        Assert.Equal("ok", Assert.Single(items).Text);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Stream_RefusedRequest_IsNotRetriedAndSaysSo()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Then(FakeOpenAiServer.Status(401));
        var (provider, model) = Create(server);

        var failure = await Assert.ThrowsAsync<ModelProviderException>(() => ReadAllAsync(provider.StreamAsync(model, Conversation, CancellationToken.None)));

        Assert.Contains("refused the request (401)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("test-key", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Stream_NoTokenWithinTheFirstTokenTimeout_IsRetriedThenFails()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Then(FakeOpenAiServer.Hang());
        var (provider, model) = Create(server, ("FirstTokenTimeout", "00:00:01"), ("MaxRetries", "1"));

        var failure = await Assert.ThrowsAsync<ModelProviderException>(() => ReadAllAsync(provider.StreamAsync(model, Conversation, CancellationToken.None)));

        Assert.Contains("no token within 1 s", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Stream_FailureAfterTheFirstToken_EndsTheAnswerWithoutRetrying()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Then(FakeOpenAiServer.Stream([FakeOpenAiServer.Delta(content: "partial"), """{"error":{"message":"overloaded"}}"""], done: false));
        var (provider, model) = Create(server);
        var received = new List<ModelStreamItem>();

        var failure = await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var item in provider.StreamAsync(model, Conversation, CancellationToken.None))
            {
                received.Add(item);
            }
        });

        Assert.Equal("partial", Assert.Single(received).Text);
        Assert.Contains("overloaded", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Stream_SilentInTheMiddle_FailsAfterTheIdleTimeout()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Then(FakeOpenAiServer.Stream([FakeOpenAiServer.Delta(content: "a"), FakeOpenAiServer.Delta(content: "b")], delay: TimeSpan.FromSeconds(3)));
        var (provider, model) = Create(server, ("IdleTimeout", "00:00:01"));

        var failure = await Assert.ThrowsAsync<ModelProviderException>(() => ReadAllAsync(provider.StreamAsync(model, Conversation, CancellationToken.None)));

        Assert.Contains("went silent for 1 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ProviderThatKeepsFailing_OpensTheCircuitAndIsNotCalledWhileItIsOpen()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Then(FakeOpenAiServer.Status(500));
        var (provider, model) = Create(server, ("MaxRetries", "0"));

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await Assert.ThrowsAsync<ModelProviderException>(() => ReadAllAsync(provider.StreamAsync(model, Conversation, CancellationToken.None)));
        }

        var broken = await Assert.ThrowsAsync<ModelProviderException>(() => ReadAllAsync(provider.StreamAsync(model, Conversation, CancellationToken.None)));

        Assert.Contains("paused", broken.Message, StringComparison.Ordinal);
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task Stream_AzureApiVersion_SendsTheVersionAndTheKeyHeader()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Then(FakeOpenAiServer.Stream([FakeOpenAiServer.Delta(content: "azure")]));
        var (provider, model) = Create(server, ("AzureApiVersion", "2024-10-21"));

        await ReadAllAsync(provider.StreamAsync(model, Conversation, CancellationToken.None));

        var request = Assert.Single(server.Requests);
        Assert.Equal("?api-version=2024-10-21", request.Query);
        Assert.Equal("test-key", request.ApiKey);
        Assert.Equal(string.Empty, request.Authorization);
    }

    [Fact]
    public async Task Complete_ReturnsTheMessageContent()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Then(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"choices":[{"message":{"role":"assistant","content":"A title"}}]}""");
        });
        var (provider, model) = Create(server);

        var title = await provider.CompleteAsync(model, ChatTitles.Instructions, "first message", CancellationToken.None);

        Assert.Equal("A title", title);
        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.False(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.Equal("system", body.RootElement.GetProperty("messages")[0].GetProperty("role").GetString());
    }

    private static (OpenAiCompatibleModel Provider, ChatModelOptions Model) Create(FakeOpenAiServer server, params (string Key, string Value)[] openAi) =>
        Create(server, AiConnectionInfo.None, openAi);

    private static (OpenAiCompatibleModel Provider, ChatModelOptions Model) Create(FakeOpenAiServer server, AiConnectionInfo administered, params (string Key, string Value)[] openAi)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chat:Models:chat-model:Name"] = "Test model",
            ["Chat:Models:chat-model:Provider"] = "OpenAI",
            ["Chat:Models:chat-model:ProviderModel"] = "gpt-test",
            ["Chat:Models:chat-model:MaxOutputTokens"] = "64",
            ["Chat:OpenAI:BaseUrl"] = server.BaseUrl,
            ["Chat:OpenAI:ApiKey"] = "test-key",
        };
        foreach (var (key, value) in openAi)
        {
            settings[$"Chat:OpenAI:{key}"] = value;
        }

        var services = new ServiceCollection().AddLogging().AddSingleton<IAiConnectionSource>(new FixedAiConnection(administered)).AddChatModels(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        var options = services.GetRequiredService<IOptionsMonitor<ChatOptions>>().CurrentValue;
        return (services.GetRequiredService<OpenAiCompatibleModel>(), options.Models["chat-model"]);
    }

    private static async Task<List<ModelStreamItem>> ReadAllAsync(IAsyncEnumerable<ModelStreamItem> items)
    {
        var all = new List<ModelStreamItem>();
        await foreach (var item in items)
        {
            all.Add(item);
        }

        return all;
    }
}
