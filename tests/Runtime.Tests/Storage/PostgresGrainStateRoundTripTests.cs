using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Storage;

public sealed class PostgresGrainStateRoundTripTests(PostgresDatabaseFixture database) : GrainStateRoundTripTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override void AddStorage(ISiloBuilder silo) =>
        silo.AddPostgresGrainStorage(GrainStorageNames.Default, options => options.ConnectionString = database.ConnectionString);
}
