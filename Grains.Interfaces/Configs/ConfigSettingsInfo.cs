namespace Cluster.Grains.Interfaces.Configs;

/// <summary>What a configuration validates and resolves its versions with.</summary>
/// <param name="SchemaJson">The JSON Schema every save must satisfy; null accepts any JSON object.</param>
/// <param name="Variables">The values of the <c>${VAR}</c> references in its documents.</param>
public sealed record ConfigSettingsInfo(string? SchemaJson, IReadOnlyDictionary<string, string> Variables);
