using Cluster.Grains.Interfaces.Configs;

namespace Cluster.Grains.Configs;

/// <summary>The unified diffs of a configuration: of an unsaved document against a version, and of two versions.</summary>
internal sealed class ConfigComparison(ConfigGrain grain)
{
    public async Task<ConfigChangeResult> DiffAsync(string documentJson, string? baseVersion, CancellationToken cancellationToken)
    {
        var (document, error) = ConfigDocument.Read(documentJson);
        if (document is null)
        {
            return ConfigChangeResult.Failed(ConfigChangeOutcome.Invalid, error!);
        }

        var from = baseVersion ?? grain.Persisted.State.Active;
        if (from is null || grain.Find(from) is null)
        {
            return from is null ? grain.NoActiveVersion() : grain.NoSuchVersion(from);
        }

        var old = await grain.ReadAsync(from, cancellationToken);
        var diff = UnifiedDiff.Create(
            ConfigDocument.Pretty(old), ConfigDocument.Pretty(document.ToJsonString()), $"{grain.NameOf()}@{from}", $"{grain.NameOf()}@unsaved");
        return new ConfigChangeResult(ConfigChangeOutcome.Done, null, [], null, from, diff);
    }

    public async Task<ConfigChangeResult> DiffVersionsAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        from ??= grain.Persisted.State.Active;
        to ??= grain.Persisted.State.Active;
        if (from is null || to is null)
        {
            return grain.NoActiveVersion();
        }

        if (grain.Find(from) is null || grain.Find(to) is null)
        {
            return grain.NoSuchVersion(grain.Find(from) is null ? from : to);
        }

        var old = await grain.ReadAsync(from, cancellationToken);
        var current = await grain.ReadAsync(to, cancellationToken);
        return new ConfigChangeResult(ConfigChangeOutcome.Done, null, [], to, from, Create(grain.NameOf(), old, from, current, to));
    }

    /// <summary>The diff of two stored documents, labelled <c>name@version</c> (<c>none</c> for a missing one).</summary>
    public static string Create(string name, string old, string? from, string current, string to) =>
        UnifiedDiff.Create(ConfigDocument.Pretty(old), ConfigDocument.Pretty(current), $"{name}@{from ?? "none"}", $"{name}@{to}");
}
