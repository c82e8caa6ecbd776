using Cluster.ApiHost.Admin;
using Microsoft.Extensions.Configuration;

namespace Cluster.ApiHost.Tests.Admin;

[Collection(IdentityClusterCollection.Name)]
public sealed class ClusterMembersCommandTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Members_OfARunningCluster_ListsEveryActiveSilo()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Membership:Postgres:ConnectionString"] = cluster.ConnectionString,
            ["Membership:Postgres:ClusterId"] = cluster.Cluster.ClusterId,
        }).Build();
        using var output = new StringWriter();

        await ClusterMembersCommand.RunAsync(configuration, output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith($"Cluster '{cluster.Cluster.ClusterId}'", lines[0], StringComparison.Ordinal);
        Assert.Equal(cluster.Cluster.Silos.Count, lines.Count(line => line.Contains(" Active ", StringComparison.Ordinal)));
    }
}
