namespace Cluster.Grains.Interfaces.Channels;

/// <summary>One message published on a channel.</summary>
/// <param name="Sequence">
/// Its number on the channel, increasing by one per message; a new activation of the channel starts from the time in
/// microseconds, so numbers keep increasing across activations.
/// </param>
/// <param name="PublishedAt">When the channel received it.</param>
/// <param name="Publisher">Who published it: a user id, <c>producer:{channel}</c>, <c>config:{name}</c>.</param>
/// <param name="PayloadJson">The message, any JSON value of at most <see cref="ChannelNames.MaxPayloadBytes"/> bytes.</param>
public sealed record ChannelMessage(long Sequence, DateTimeOffset PublishedAt, string Publisher, string PayloadJson);
