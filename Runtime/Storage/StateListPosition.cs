namespace Cluster.Runtime.Storage;

/// <summary>A position in a state listing: the lower-cased property value and the grain key of a state.</summary>
/// <param name="Value">The lower-cased property value.</param>
/// <param name="GrainKey">The grain key.</param>
public sealed record StateListPosition(string Value, string GrainKey);
