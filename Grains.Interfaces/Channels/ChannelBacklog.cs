namespace Cluster.Grains.Interfaces.Channels;

/// <summary>The recent messages of a channel after a given sequence number.</summary>
/// <param name="LastSequence">The number of the last message published, or the channel's starting number when none was.</param>
/// <param name="Messages">The messages kept after the sequence asked for, oldest first.</param>
/// <param name="Missed">How many messages after the sequence asked for are no longer kept.</param>
public sealed record ChannelBacklog(long LastSequence, IReadOnlyList<ChannelMessage> Messages, long Missed);
