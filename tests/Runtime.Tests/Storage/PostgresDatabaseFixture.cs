using Cluster.Runtime.Testing;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>A fresh PostgreSQL database per test class (and more on request), dropped afterwards (<see cref="TestDatabases"/>).</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private readonly TestDatabases _databases = new();
    private string? _connectionString;

    /// <summary>The connection string of this class's database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public static string AdminConnectionString => TestDatabases.AdminConnectionString;

    public async Task InitializeAsync() => _connectionString = await CreateDatabaseAsync();

    /// <summary>Creates another fresh database, dropped with this fixture, and returns its connection string.</summary>
    /// <param name="encoding">The database encoding; tests of the UTF8 check use another.</param>
    public Task<string> CreateDatabaseAsync(string encoding = "UTF8") => _databases.CreateAsync(encoding);

    public async Task DisposeAsync() => await _databases.DisposeAsync();
}
