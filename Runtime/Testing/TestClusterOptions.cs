using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Transport;

namespace Cluster.Runtime.Testing;

/// <summary>How a <see cref="TestCluster"/> builds its silos.</summary>
public sealed class TestClusterOptions
{
    /// <summary>The PostgreSQL connection string for membership, directory and the <c>Default</c> grain storage. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The cluster's name; a fresh one per cluster by default, so clusters sharing a database never meet.</summary>
    public string ClusterId { get; set; } = "test-" + Guid.NewGuid().ToString("N");

    /// <summary>Silos started by <see cref="TestCluster.StartAsync"/>. Default 2.</summary>
    public int InitialSilos { get; set; } = 2;

    /// <summary>
    /// Membership and failure-detection timings; by default faster than production (probes every 200 ms, 3 misses,
    /// IAmAlive every second) so tests of a crash finish in seconds.
    /// </summary>
    public Action<ClusterMembershipOptions> Membership { get; set; } = options =>
    {
        options.ProbePeriod = TimeSpan.FromMilliseconds(200);
        options.ProbeTimeout = TimeSpan.FromMilliseconds(500);
        options.IAmAlivePeriod = TimeSpan.FromSeconds(1);
    };

    /// <summary>Transport settings (limits, TLS) of every silo and, unless it is given its own, every client.</summary>
    public Action<TransportOptions>? Transport { get; set; }

    /// <summary>More configuration of every silo, such as grain assemblies or options.</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; set; }

    /// <summary>Where every silo and client of the cluster also logs, for a test that reports what happened when it fails; none by default.</summary>
    public LogCapture? Logs { get; set; }
}
