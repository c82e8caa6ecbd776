using Cluster.Runtime.Membership;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Membership;

public sealed class PostgresMembershipOptionsValidationTests
{
    private const string Example = "'Host=localhost;Username=cluster;Password=...;Database=cluster'";

    [Fact]
    public void Validate_Defaults_RequireOnlyAConnectionString()
    {
        var failure = Assert.Single(Validate(new PostgresMembershipOptions()));

        Assert.Equal($"Membership:Postgres:ConnectionString is empty; set it to a PostgreSQL connection string such as {Example}.", failure);
        Assert.Empty(Validate(new PostgresMembershipOptions { ConnectionString = "Host=localhost" }));
    }

    [Fact]
    public void Validate_UnparsableConnectionString_NamesTheProblemWithoutThePassword()
    {
        var failure = Assert.Single(Validate(new PostgresMembershipOptions { ConnectionString = "Hots=localhost;Password=hunter2" }));

        Assert.StartsWith("Membership:Postgres:ConnectionString is not a valid PostgreSQL connection string:", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Membership:Postgres:ClusterId is empty; set it to the cluster's name")]
    [InlineData("  ", "Membership:Postgres:ClusterId is empty;")]
    [InlineData("a\nb", "Membership:Postgres:ClusterId contains a control character;")]
    public void Validate_BadClusterId_SaysWhatToSet(string clusterId, string expected)
    {
        var failure = Assert.Single(Validate(new PostgresMembershipOptions { ConnectionString = "Host=localhost", ClusterId = clusterId }));

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LongClusterIdBadSchemaAndDelays_ReportsEach()
    {
        var options = new PostgresMembershipOptions
        {
            ConnectionString = "Host=localhost",
            ClusterId = new string('c', 201),
            Schema = "Cluster",
            ListenReconnectDelay = TimeSpan.Zero,
            ListenMaxReconnectDelay = TimeSpan.FromSeconds(-1),
            ListenKeepAlive = TimeSpan.FromMilliseconds(10),
        };

        var failures = Validate(options);

        Assert.Equal(5, failures.Count);
        Assert.Equal("Membership:Postgres:ClusterId is 201 characters long; shorten it to at most 200.", failures[0]);
        Assert.StartsWith("Membership:Postgres:Schema 'Cluster' is not a safe SQL identifier;", failures[1], StringComparison.Ordinal);
        Assert.StartsWith("Membership:Postgres:ListenReconnectDelay is 00:00:00; set it to a positive time", failures[2], StringComparison.Ordinal);
        Assert.StartsWith("Membership:Postgres:ListenMaxReconnectDelay (-00:00:01) is shorter than ListenReconnectDelay", failures[3], StringComparison.Ordinal);
        Assert.StartsWith("Membership:Postgres:ListenKeepAlive is 00:00:00.0100000; set it to at least one second", failures[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Constructors_InvalidOptions_ThrowOptionsValidationException()
    {
        var options = new PostgresMembershipOptions();

        Assert.Throws<OptionsValidationException>(() => new PostgresMembershipTable(options));
        Assert.Throws<OptionsValidationException>(() => new PostgresMembershipWatcher(options));
    }

    private static List<string> Validate(PostgresMembershipOptions options)
    {
        var result = new PostgresMembershipOptionsValidator().Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }
}
