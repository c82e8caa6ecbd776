using System.Globalization;
using Cluster.Runtime.Membership;

namespace Cluster.ApiHost.Admin;

/// <summary>
/// <c>admin members</c>: the cluster's silos as the membership table lists them (address, name, host, status, start,
/// last heartbeat), read with the host's <c>Membership:Postgres</c> settings; it joins nothing and serves nothing.
/// </summary>
public static class ClusterMembersCommand
{
    /// <summary>Prints the members and sets the exit code: 0 listed, 2 no membership table configured.</summary>
    public static async Task RunAsync(IConfiguration configuration, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var options = configuration.GetSection(PostgresMembershipOptions.SectionName).Get<PostgresMembershipOptions>() ?? new PostgresMembershipOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            await Console.Error.WriteLineAsync(
                "Membership:Postgres:ConnectionString is not set: in embedded mode the API host is the cluster's only silo. Set it (and Membership:Postgres:ClusterId) to list a PostgreSQL cluster's members.");
            Environment.ExitCode = 2;
            return;
        }

        await using var table = new PostgresMembershipTable(options);
        var data = await table.ReadAllAsync(CancellationToken.None);
        await output.WriteLineAsync($"Cluster '{options.ClusterId}', membership version {data.Version.Version}:");
        await output.WriteLineAsync($"{"address",-28} {"status",-12} {"name",-24} {"host",-24} {"started (UTC)",-20} last heartbeat (UTC)");
        foreach (var entry in data.Members.Select(member => member.Entry).OrderBy(entry => entry.StartTime))
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{entry.SiloAddress,-28} {entry.Status,-12} {entry.SiloName,-24} {entry.HostName,-24} {entry.StartTime.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {entry.IAmAliveTime.UtcDateTime:yyyy-MM-dd HH:mm:ss}"));
        }
    }
}
