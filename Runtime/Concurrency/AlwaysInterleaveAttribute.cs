namespace Cluster.Runtime.Concurrency;

/// <summary>Lets calls to this interface method start while other requests of the activation are in progress.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
