using System.Diagnostics;
using System.Text.Json;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cluster.Silo.Tests;

/// <summary>A chat answer whose silo is killed with SIGKILL mid-stream.</summary>
public sealed class SiloChatProcessTests(ITestOutputHelper output)
{
    // 50 words a second and 2,000 words: the answer is still running when its silo dies, 7 s in.
    private static readonly Dictionary<string, string> ChatSettings = new()
    {
        ["Chat__Local__WordsPerSecond"] = "50",
        ["Chat__PersistInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task KillNine_SiloGeneratingAnAnswer_KeepsThePersistedPartMarkedInterruptedAndTheChatUsable()
    {
        var connectionString = TestPostgres.ConnectionString();
        var clusterId = $"chat-kill-{Guid.NewGuid():N}";
        var generating = SiloProcess.Start(connectionString, clusterId, settings: ChatSettings);
        SiloProcess? survivor = null;
        try
        {
            await ProcessCluster.WaitForActiveSilosAsync(connectionString, clusterId, [generating], 1);
            using var client = await ProcessCluster.StartClientAsync(connectionString, clusterId);
            var factory = client.Services.GetRequiredService<IClusterClient>();
            var chatId = Guid.NewGuid().ToString();
            var userId = Guid.NewGuid().ToString();
            var chat = factory.GetGrain<IChatGrain>(chatId);
            var started = await chat.SendAsync(new ChatTurn(userId, "m1", Parts("/words 2000 a long one"), "chat-model", ChatVisibility.Private));
            var stream = factory.GetGrain<IChatStreamGrain>(started.StreamId!);
            // Past the first page of chunks (256), which the survivor reads back from its page grain.
            await WaitUntilAsync(async () => (await stream.GetChunksAsync(0)).Chunks.Count > 300, "the answer has streamed 300 chunks");
            await Task.Delay(TimeSpan.FromSeconds(1));
            var seen = (await stream.GetChunksAsync(0)).Chunks;
            var seenBeforeKill = seen.Count;

            survivor = SiloProcess.Start(connectionString, clusterId, settings: ChatSettings);
            await ProcessCluster.WaitForActiveSilosAsync(connectionString, clusterId, [generating, survivor], 2);
            generating.Kill();

            ChatStreamSnapshot? after = null;
            await WaitUntilAsync(async () => (after = await TryAsync<ChatStreamSnapshot>(async () => await stream.GetChunksAsync(0))) is { IsFinished: true }, "the stream is found interrupted");
            ChatView? view = null;
            await WaitUntilAsync(async () => (view = await TryAsync(() => chat.GetAsync())) is { Messages.Count: 2 }, "the chat stores the interrupted answer");
            var next = await chat.SendAsync(new ChatTurn(userId, "m2", Parts("/words 5 and now?"), "chat-model", ChatVisibility.Private));
            var nextStream = factory.GetGrain<IChatStreamGrain>(next.StreamId!);
            await WaitUntilAsync(async () => (await nextStream.GetChunksAsync(0)).IsFinished, "the next answer ends");
            var final = await chat.GetAsync();

            output.WriteLine($"{seenBeforeKill} chunks seen a second before the kill; {after!.Chunks.Count} kept.");
            Assert.Equal(ChatStreamStatus.Interrupted, after.Status);
            Assert.True(after.Chunks.Count >= seenBeforeKill - 20, $"{after.Chunks.Count} chunks kept of {seenBeforeKill} seen a second before the kill.");
            Assert.Equal("error", TypeOf(after.Chunks[^1]));
            Assert.Equal(seen.Take(300), after.Chunks.Take(300));
            var interrupted = view!.Messages[1];
            Assert.Equal(ChatMessageStatus.Interrupted, interrupted.Status);
            Assert.Equal(started.AssistantMessageId, interrupted.Id);
            Assert.True(interrupted.Parts.GetRawText().Length > 200);
            Assert.Equal(ChatStreamStatus.Completed, (await nextStream.GetChunksAsync(0)).Status);
            Assert.Equal(4, final!.Messages.Count);
        }
        finally
        {
            await generating.DisposeAsync();
            if (survivor is not null)
            {
                await survivor.DisposeAsync();
            }
        }
    }

    private static JsonElement Parts(string text)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(new[] { new { type = "text", text } }));
        return document.RootElement.Clone();
    }

    private static string? TypeOf(string chunk)
    {
        using var document = JsonDocument.Parse(chunk);
        return document.RootElement.GetProperty("type").GetString();
    }

    // Calls fail while the dead silo's grains wait for failure detection.
    private static async Task<T?> TryAsync<T>(Func<Task<T?>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"Waited a minute for this in vain: {what}.");
            await Task.Delay(200);
        }
    }
}
