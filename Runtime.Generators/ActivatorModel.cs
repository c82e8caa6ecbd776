namespace Cluster.Runtime.Generators;

/// <summary>A grain class and the expressions that produce its constructor arguments.</summary>
/// <param name="GrainType">The fully qualified grain class.</param>
/// <param name="Arguments">One C# expression per constructor parameter, reading the activation context <c>ctx</c>.</param>
/// <param name="StorageNames">The distinct storage providers its persistent states use.</param>
internal sealed record ActivatorModel(string GrainType, EquatableArray<string> Arguments, EquatableArray<string> StorageNames);
