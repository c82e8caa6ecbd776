namespace Cluster.Runtime.CodeGeneration;

/// <summary>The result of a method that returns no value.</summary>
public readonly struct VoidResult
{
}
