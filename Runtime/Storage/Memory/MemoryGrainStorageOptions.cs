using System.Text.Json;

namespace Cluster.Runtime.Storage.Memory;

/// <summary>Options of <see cref="MemoryGrainStorage"/>, a provider for unit tests of grain logic.</summary>
public sealed class MemoryGrainStorageOptions
{
    /// <summary>The configuration section bound by <c>AddGrainStorageFromConfiguration</c>.</summary>
    public const string SectionName = GrainStorageConfiguration.SectionName + ":" + GrainStorageConfiguration.MemoryProvider;

    /// <summary>
    /// The JSON options state is serialized with; <c>null</c> (the default) means <see cref="JsonSerializerDefaults.Web"/>.
    /// Use the same options as the real provider so tests see the same JSON.
    /// </summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }
}
