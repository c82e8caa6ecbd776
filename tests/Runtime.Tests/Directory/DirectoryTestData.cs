using Cluster.Runtime.Core;
using Cluster.Runtime.Directory;
using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Tests.Directory;

/// <summary>Fresh clusters, grains, silos and addresses for directory tests, so tests sharing a database never meet.</summary>
internal static class DirectoryTestData
{
    private static int _nextPort = 30000;

    public static string NewClusterId() => "cluster-" + Guid.NewGuid().ToString("N");

    public static PostgresGrainDirectoryOptions DirectoryOptions(string connectionString, string? clusterId = null) =>
        new() { ConnectionString = connectionString, ClusterId = clusterId ?? NewClusterId() };

    public static GrainId NewGrain(string type = "user") => new(type, Guid.NewGuid().ToString("N"));

    public static SiloAddress NewSilo(string host = "10.0.0.1", long generation = 1000) =>
        new(host, Interlocked.Increment(ref _nextPort), generation);

    public static GrainAddress NewAddress(GrainId grainId, SiloAddress? silo = null) => GrainAddress.Create(grainId, silo ?? NewSilo());
}
