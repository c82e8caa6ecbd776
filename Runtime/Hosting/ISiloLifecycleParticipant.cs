namespace Cluster.Runtime.Hosting;

/// <summary>A part of the silo that starts and stops at its <see cref="SiloLifecycleStage"/>.</summary>
internal interface ISiloLifecycleParticipant
{
    /// <summary>When the part starts; a <see cref="SiloLifecycleStage"/> constant.</summary>
    int Stage { get; }

    /// <summary>Starts the part; a failure stops the silo's start.</summary>
    Task OnStartAsync(CancellationToken cancellationToken);

    /// <summary>Stops the part, within the host's shutdown budget; called only when its start completed.</summary>
    Task OnStopAsync(CancellationToken cancellationToken);
}
