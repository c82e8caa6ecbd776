namespace Cluster.Runtime.Hosting;

/// <summary>A lifecycle participant made of two delegates, for a service that takes part at more than one stage.</summary>
internal sealed class SiloLifecycleStep(int stage, Func<CancellationToken, Task> start, Func<CancellationToken, Task> stop) : ISiloLifecycleParticipant
{
    public int Stage => stage;

    public Task OnStartAsync(CancellationToken cancellationToken) => start(cancellationToken);

    public Task OnStopAsync(CancellationToken cancellationToken) => stop(cancellationToken);
}
