using Cluster.Runtime.Directory;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Directory;

public sealed class PostgresGrainDirectoryOptionsValidationTests
{
    private const string Example = "'Host=localhost;Username=cluster;Password=...;Database=cluster'";

    [Fact]
    public void Validate_Defaults_RequireOnlyAConnectionString()
    {
        var failure = Assert.Single(Validate(new PostgresGrainDirectoryOptions()));

        Assert.Equal($"Directory:Postgres:ConnectionString is empty; set it to a PostgreSQL connection string such as {Example}.", failure);
        Assert.Empty(Validate(new PostgresGrainDirectoryOptions { ConnectionString = "Host=localhost" }));
    }

    [Fact]
    public void Validate_UnparsableConnectionString_NamesTheProblemWithoutThePassword()
    {
        var failure = Assert.Single(Validate(new PostgresGrainDirectoryOptions { ConnectionString = "Hots=localhost;Password=hunter2" }));

        Assert.StartsWith("Directory:Postgres:ConnectionString is not a valid PostgreSQL connection string:", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionStringWithoutHost_SaysToAddOne()
    {
        var failure = Assert.Single(Validate(new PostgresGrainDirectoryOptions { ConnectionString = "Username=cluster" }));

        Assert.Equal($"Directory:Postgres:ConnectionString has no Host; add 'Host=<server name or address>', as in {Example}.", failure);
    }

    [Theory]
    [InlineData("", "Directory:Postgres:ClusterId is empty; set it to the cluster's name, the same as Membership:Postgres:ClusterId")]
    [InlineData("  ", "Directory:Postgres:ClusterId is empty;")]
    [InlineData("a\nb", "Directory:Postgres:ClusterId contains a control character;")]
    public void Validate_BadClusterId_SaysWhatToSet(string clusterId, string expected)
    {
        var failure = Assert.Single(Validate(new PostgresGrainDirectoryOptions { ConnectionString = "Host=localhost", ClusterId = clusterId }));

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LongClusterIdAndBadSchema_ReportsEach()
    {
        var options = new PostgresGrainDirectoryOptions { ConnectionString = "Host=localhost", ClusterId = new string('c', 201), Schema = "Cluster" };

        var failures = Validate(options);

        Assert.Equal(2, failures.Count);
        Assert.Equal("Directory:Postgres:ClusterId is 201 characters long; shorten it to at most 200.", failures[0]);
        Assert.StartsWith("Directory:Postgres:Schema 'Cluster' is not a safe SQL identifier; set it to 1 to 63 characters", failures[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsOptionsValidationException()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => new PostgresGrainDirectory(new PostgresGrainDirectoryOptions()));

        Assert.Contains("Directory:Postgres:ConnectionString is empty", exception.Message, StringComparison.Ordinal);
    }

    private static List<string> Validate(PostgresGrainDirectoryOptions options)
    {
        var result = new PostgresGrainDirectoryOptionsValidator().Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }
}
