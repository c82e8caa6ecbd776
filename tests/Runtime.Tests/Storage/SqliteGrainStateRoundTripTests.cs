using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Storage;

public sealed class SqliteGrainStateRoundTripTests : GrainStateRoundTripTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override void AddStorage(ISiloBuilder silo) =>
        silo.AddSqliteGrainStorage(GrainStorageNames.Default, options => options.FilePath = _directory.File("state.db"));
}
