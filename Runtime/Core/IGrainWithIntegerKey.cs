namespace Cluster.Runtime.Core;

/// <summary>A grain addressed by a 64-bit integer key, obtained with <c>GetGrain&lt;T&gt;(long)</c>.</summary>
public interface IGrainWithIntegerKey : IGrain
{
}
