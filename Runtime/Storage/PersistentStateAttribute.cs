namespace Cluster.Runtime.Storage;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> to be bound to a named
/// state in a named storage provider.
/// </summary>
/// <param name="stateName">The name of the state within the grain; a grain may have several.</param>
/// <param name="storageName">The storage provider's name; <see cref="GrainStorageNames.Default"/> when omitted.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The name of the state within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name.</summary>
    public string StorageName { get; } = storageName ?? GrainStorageNames.Default;
}
