namespace Cluster.ApiHost.Tests;

/// <summary>The tests that share one <see cref="IdentityClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class IdentityClusterCollection : ICollectionFixture<IdentityClusterFixture>
{
    public const string Name = "identity cluster";
}
