using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>A bare <see cref="ISiloBuilder"/> over a service collection and in-memory configuration.</summary>
public sealed class TestSiloBuilder(IDictionary<string, string?>? settings = null) : ISiloBuilder
{
    public IServiceCollection Services { get; } = new ServiceCollection().AddLogging();

    public IConfiguration Configuration { get; } = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
}
