namespace Cluster.Runtime.CodeGeneration;

/// <summary>Marks requests of streaming methods, whatever their item type.</summary>
internal interface IStreamRequest
{
}
