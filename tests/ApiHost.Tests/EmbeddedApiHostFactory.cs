using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cluster.ApiHost.Tests;

/// <summary>The API host in embedded mode on a SQLite file of its own, which outlives the factory so tests can restart on it.</summary>
public sealed class EmbeddedApiHostFactory(string databasePath) : WebApplicationFactory<Program>
{
    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "cluster-apihost-tests", $"{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:Sqlite:FilePath", databasePath);
    }
}
