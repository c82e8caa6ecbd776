namespace Cluster.ApiHost.Chats;

/// <summary>Writes <paramref name="chunks"/> from index <paramref name="start"/> on to a client, in order.</summary>
public delegate ValueTask ChatChunkWriter(IReadOnlyList<string> chunks, int start, CancellationToken cancellationToken);
