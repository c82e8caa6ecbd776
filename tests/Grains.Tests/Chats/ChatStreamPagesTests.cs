using Cluster.Grains.Chats;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Testing;

namespace Cluster.Grains.Tests.Chats;

public sealed class ChatStreamPagesTests
{
    [Fact]
    public async Task StoreAsync_ThenLoadAsync_GivesBackEveryChunkInOrderWithOnlyTheTailInTheState()
    {
        await using var silo = await TestSilo.StartAsync();
        var streamId = Guid.NewGuid().ToString();
        var chunks = Enumerable.Range(0, (2 * ChatLimits.StreamPageSize) + 10).Select(index => $"{{\"type\":\"text-delta\",\"delta\":\"{index}\"}}").ToList();

        var half = await ChatStreamPages.StoreAsync(silo.GrainFactory, streamId, chunks[..(ChatLimits.StreamPageSize + 5)], 0);
        var paged = await ChatStreamPages.StoreAsync(silo.GrainFactory, streamId, chunks, half);
        var state = new ChatStreamState { PagedChunkCount = paged, Chunks = chunks[paged..] };
        var loaded = await ChatStreamPages.LoadAsync(silo.GrainFactory, streamId, state, CancellationToken.None);

        Assert.Equal(ChatLimits.StreamPageSize, half);
        Assert.Equal(2 * ChatLimits.StreamPageSize, paged);
        Assert.Equal(10, state.Chunks.Count);
        Assert.Equal(chunks, loaded);
    }

    [Fact]
    public async Task LoadAsync_PageMissingFromStorage_Throws()
    {
        await using var silo = await TestSilo.StartAsync();
        var state = new ChatStreamState { PagedChunkCount = ChatLimits.StreamPageSize, Chunks = ["{}"] };

        await Assert.ThrowsAsync<InvalidOperationException>(() => ChatStreamPages.LoadAsync(silo.GrainFactory, Guid.NewGuid().ToString(), state, CancellationToken.None));
    }
}
