namespace Cluster.Runtime.Generators;

/// <summary>A grain method parameter that travels as a request argument.</summary>
/// <param name="Name">The parameter name, escaped when it is a keyword.</param>
/// <param name="Type">The fully qualified type, with nullable annotations.</param>
/// <param name="IsParams">Whether the interface declares it <c>params</c>.</param>
/// <param name="IsDynamic">Whether its type is <c>dynamic</c>, which generated calls must pass as <c>object</c> to stay statically bound.</param>
internal sealed record ParameterModel(string Name, string Type, bool IsParams, bool IsDynamic);
