namespace Cluster.Grains.Interfaces.Channels;

/// <summary>A server-side producer declared in the active <c>endpoints</c> configuration: a JSON URL polled into a channel.</summary>
/// <param name="Channel">The channel it publishes to.</param>
/// <param name="Url">The absolute http(s) URL read with GET; each JSON answer is published as one message.</param>
/// <param name="Interval">Time between two reads.</param>
/// <param name="ConfigVersion">The <c>endpoints</c> version that declares it.</param>
public sealed record ProducerSpec(string Channel, Uri Url, TimeSpan Interval, string ConfigVersion);
