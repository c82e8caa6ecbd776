using Cluster.Runtime.Testing;

namespace Cluster.Runtime.Tests.Streaming;

/// <summary>Streaming semantics with the caller in the silo's own process.</summary>
public sealed class LocalStreamingTests : StreamingTests
{
    protected override async Task<Caller> StartCallerAsync(TimeSpan? responseTimeout = null)
    {
        var silo = await TestSilo.StartAsync(options => options.ResponseTimeout = responseTimeout ?? options.ResponseTimeout);
        return new Caller(silo.GrainFactory, silo);
    }
}
