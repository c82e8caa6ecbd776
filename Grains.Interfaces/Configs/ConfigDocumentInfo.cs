namespace Cluster.Grains.Interfaces.Configs;

/// <summary>A configuration version's document.</summary>
/// <param name="Name">The configuration.</param>
/// <param name="Info">The version's metadata.</param>
/// <param name="IsActive">Whether it is the active version.</param>
/// <param name="DocumentJson">The document as saved.</param>
/// <param name="ResolvedJson">The document with each <c>${VAR}</c> in its strings replaced from the configuration's variables.</param>
/// <param name="UnresolvedVariables">The variables referenced that have no value (left as written in <paramref name="ResolvedJson"/>).</param>
public sealed record ConfigDocumentInfo(
    string Name, ConfigVersionInfo Info, bool IsActive, string DocumentJson, string ResolvedJson, IReadOnlyList<string> UnresolvedVariables);
