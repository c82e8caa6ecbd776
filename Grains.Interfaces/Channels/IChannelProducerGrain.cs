using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Channels;

/// <summary>
/// Runs the producer of one channel (key: the channel's name) on a timer in whichever silo hosts it; every silo's
/// producer keeper tells it what to run, again every round, which brings it back after its silo dies.
/// </summary>
public interface IChannelProducerGrain : IGrainWithStringKey
{
    /// <summary>Runs <paramref name="spec"/> from now on (the same spec again changes nothing); null stops the producer.</summary>
    Task ConfigureAsync(ProducerSpec? spec, CancellationToken cancellationToken = default);
}
