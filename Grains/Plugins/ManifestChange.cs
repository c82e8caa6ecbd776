namespace Cluster.Grains.Plugins;

/// <summary>What <see cref="ManifestUpdate.ApplyAsync"/> changed.</summary>
/// <param name="Changed">Whether anything that is stored changed.</param>
/// <param name="Refused">The error of a manifest refused for a reason not recorded before; null otherwise.</param>
/// <param name="NewRevision">Whether the accepted manifest changed.</param>
public sealed record ManifestChange(bool Changed, string? Refused, bool NewRevision);
