using System.ComponentModel;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>Implemented by generated code: registers one assembly's grain interfaces and grain classes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainMetadataProvider
{
    /// <summary>Adds the assembly's proxies and activators to <paramref name="builder"/>.</summary>
    void Populate(GrainMetadataBuilder builder);
}
