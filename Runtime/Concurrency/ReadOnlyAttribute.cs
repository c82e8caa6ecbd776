namespace Cluster.Runtime.Concurrency;

/// <summary>
/// Declares that this interface method does not change grain state, so calls to read-only methods may
/// interleave with each other (never with a non-read-only request).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ReadOnlyAttribute : Attribute
{
}
