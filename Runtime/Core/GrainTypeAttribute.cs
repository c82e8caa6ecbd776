namespace Cluster.Runtime.Core;

/// <summary>
/// Pins the grain type name, which keys persisted state and directory entries. Without it the name is the
/// class name in lower case without a trailing "Grain" (<c>UserGrain</c> is <c>user</c>); renaming such a
/// class would orphan its state, so pin names of grains with state.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The pinned grain type name.</summary>
    public string Name { get; } = name;
}
