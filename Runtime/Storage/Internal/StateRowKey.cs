using Cluster.Runtime.Core;

namespace Cluster.Runtime.Storage.Internal;

/// <summary>The primary key of a stored state: one row per grain type, grain key and state name.</summary>
/// <param name="GrainType">The grain's pinned type name (<see cref="GrainId.Type"/>).</param>
/// <param name="GrainKey">The grain's key (<see cref="GrainId.Key"/>).</param>
/// <param name="StateName">The state's name within the grain.</param>
internal readonly record struct StateRowKey(string GrainType, string GrainKey, string StateName)
{
    /// <summary>The key of <paramref name="stateName"/> of <paramref name="grainId"/>.</summary>
    public static StateRowKey For(GrainId grainId, string stateName) => new(grainId.Type, grainId.Key, stateName);
}
