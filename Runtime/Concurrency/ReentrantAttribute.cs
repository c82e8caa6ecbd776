namespace Cluster.Runtime.Concurrency;

/// <summary>
/// Lets every request to the grain class interleave at await points. Code of one activation still never
/// runs on two threads at once: interleaving happens only where a turn awaits.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute
{
}
