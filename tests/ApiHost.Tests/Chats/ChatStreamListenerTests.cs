using Cluster.ApiHost.Chats;

namespace Cluster.ApiHost.Tests.Chats;

public sealed class ChatStreamListenerTests
{
    [Fact]
    public async Task ReadAsync_ContiguousBatchesQueued_JoinsThemAndStopsAtAGapOrTheEnd()
    {
        var listener = new ChatStreamListener();
        listener.OnChunks("s", 0, ["a", "b"], finished: false);
        listener.OnChunks("s", 2, ["c"], finished: false);
        listener.OnChunks("s", 3, ["d"], finished: true);
        listener.OnChunks("s", 9, ["late"], finished: true);

        var joined = await listener.ReadAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var afterGap = await listener.ReadAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var none = await listener.ReadAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);

        Assert.Equal((0, true), (joined!.FirstIndex, joined.Finished));
        Assert.Equal(["a", "b", "c", "d"], joined.Chunks);
        Assert.Equal(9, afterGap!.FirstIndex);
        Assert.Equal(["late"], afterGap.Chunks);
        Assert.Null(none);
    }
}
