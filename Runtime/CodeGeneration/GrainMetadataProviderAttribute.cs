using System.ComponentModel;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>Names the generated class that registers an assembly's proxies and grain activators.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class GrainMetadataProviderAttribute(Type providerType) : Attribute
{
    /// <summary>A type with a public parameterless constructor implementing <see cref="IGrainMetadataProvider"/>.</summary>
    public Type ProviderType { get; } = providerType;
}
