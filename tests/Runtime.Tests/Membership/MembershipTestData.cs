using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Tests.Membership;

/// <summary>Fresh clusters, addresses and entries for membership tests, so tests sharing a database never meet.</summary>
internal static class MembershipTestData
{
    private static int _nextPort = 20000;

    public static string NewClusterId() => "cluster-" + Guid.NewGuid().ToString("N");

    public static PostgresMembershipOptions MembershipOptions(string connectionString, string? clusterId = null) =>
        new() { ConnectionString = connectionString, ClusterId = clusterId ?? NewClusterId() };

    /// <summary>Now, to the millisecond, which PostgreSQL's microseconds hold exactly.</summary>
    public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public static SiloAddress NewAddress(string host = "10.0.0.1", long generation = 1000) =>
        new(host, Interlocked.Increment(ref _nextPort), generation);

    public static MembershipEntry Entry(SiloAddress address, SiloStatus status = SiloStatus.Joining, DateTimeOffset? iAmAlive = null)
    {
        var now = Now();
        return new MembershipEntry
        {
            SiloAddress = address,
            SiloName = "silo-" + address.Port,
            HostName = "host-" + address.Port,
            Status = status,
            StartTime = now.AddMinutes(-1),
            IAmAliveTime = iAmAlive ?? now,
        };
    }

    /// <summary>Inserts <paramref name="entry"/> at the table's current version, failing the test when refused.</summary>
    public static async Task InsertAsync(IMembershipTable table, MembershipEntry entry)
    {
        var data = await table.ReadAllAsync(CancellationToken.None);
        Assert.True(await table.InsertRowAsync(entry, data.Version.Next(), CancellationToken.None), $"Insert of {entry.SiloAddress} was refused.");
    }

    /// <summary>Replaces <paramref name="entry"/>'s row with the current ETag and version, failing the test when refused.</summary>
    public static async Task UpdateAsync(IMembershipTable table, MembershipEntry entry)
    {
        var data = await table.ReadRowAsync(entry.SiloAddress, CancellationToken.None);
        Assert.True(data.TryGet(entry.SiloAddress, out _, out var etag), $"Row {entry.SiloAddress} is missing.");
        Assert.True(await table.UpdateRowAsync(entry, etag, data.Version.Next(), CancellationToken.None), $"Update of {entry.SiloAddress} was refused.");
    }
}
