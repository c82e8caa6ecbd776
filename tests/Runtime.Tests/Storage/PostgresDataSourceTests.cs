using Cluster.Runtime.Storage.Postgres;
using Npgsql;

namespace Cluster.Runtime.Tests.Storage;

public sealed class PostgresDataSourceTests
{
    [Fact]
    public void BuildDataSource_NoPoolSizeInTheConnectionString_CapsThePoolAtTheDefaultGiven()
    {
        using var dataSource = PostgresSettingsValidation.BuildDataSource("Host=db;Username=u", "test", defaultMaxPoolSize: 20);

        Assert.Equal(20, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db;Username=u;Maximum Pool Size=7")]
    [InlineData("Host=db;Username=u;MaxPoolSize=7")]
    public void BuildDataSource_PoolSizeInTheConnectionString_KeepsIt(string connectionString)
    {
        using var dataSource = PostgresSettingsValidation.BuildDataSource(connectionString, "test", defaultMaxPoolSize: 20);

        Assert.Equal(7, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxPoolSize);
    }

    [Fact]
    public void BuildDataSource_NoApplicationName_NamesTheComponent()
    {
        using var dataSource = PostgresSettingsValidation.BuildDataSource("Host=db;Username=u", "Cluster directory");

        Assert.Equal("Cluster directory", new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).ApplicationName);
    }
}
