namespace Cluster.Grains.Interfaces.Configs;

/// <summary>The outcome of a configuration change or comparison.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">What went wrong and how to fix it; null when done.</param>
/// <param name="Errors">Each schema violation as <c>path: problem</c>.</param>
/// <param name="Version">The version saved, activated, deleted or compared to.</param>
/// <param name="BaseVersion">The version compared against (the active one before a save), if any.</param>
/// <param name="Diff">A unified diff from <paramref name="BaseVersion"/> to <paramref name="Version"/>, empty when they are equal.</param>
public sealed record ConfigChangeResult(
    ConfigChangeOutcome Outcome, string? Detail, IReadOnlyList<string> Errors, string? Version, string? BaseVersion, string Diff)
{
    /// <summary>A failure with no schema errors.</summary>
    public static ConfigChangeResult Failed(ConfigChangeOutcome outcome, string detail) => new(outcome, detail, [], null, null, string.Empty);
}
