namespace Cluster.ApiHost.Channels;

/// <summary>A published message's place in its channel.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Sequence">Its sequence number: the SSE event id subscribers see.</param>
/// <param name="PublishedAt">When the channel received it.</param>
public sealed record ChannelPublishedResponse(string Channel, long Sequence, DateTimeOffset PublishedAt);
