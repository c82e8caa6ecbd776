namespace Cluster.Runtime.Core;

/// <summary>A grain addressed by a <see cref="Guid"/> key, obtained with <c>GetGrain&lt;T&gt;(Guid)</c>.</summary>
public interface IGrainWithGuidKey : IGrain
{
}
