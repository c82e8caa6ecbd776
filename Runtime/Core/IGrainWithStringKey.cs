namespace Cluster.Runtime.Core;

/// <summary>A grain addressed by a string key, obtained with <c>GetGrain&lt;T&gt;(string)</c>.</summary>
public interface IGrainWithStringKey : IGrain
{
}
