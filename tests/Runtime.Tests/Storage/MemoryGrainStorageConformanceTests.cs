using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Memory;

namespace Cluster.Runtime.Tests.Storage;

public sealed class MemoryGrainStorageConformanceTests : GrainStorageConformanceTests
{
    protected override Task<IGrainStorage> CreateStorageAsync() => Task.FromResult<IGrainStorage>(new MemoryGrainStorage(ProviderName));

    protected override Task PutRawAsync(GrainId grainId, string stateName, int version, string? json)
    {
        ((MemoryGrainStorage)Storage).PutRaw(stateName, grainId, version, json);
        return Task.CompletedTask;
    }
}
