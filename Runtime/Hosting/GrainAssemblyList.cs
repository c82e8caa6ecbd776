using System.Reflection;

namespace Cluster.Runtime.Hosting;

/// <summary>The assemblies whose grain classes the silo runs.</summary>
internal sealed class GrainAssemblyList
{
    public List<Assembly> Assemblies { get; } = [];

    /// <summary>Whether assemblies with generated grain metadata that the host loads or references are added too.</summary>
    public bool IncludeDiscovered { get; set; } = true;
}
