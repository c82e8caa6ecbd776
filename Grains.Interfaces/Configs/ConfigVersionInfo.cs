namespace Cluster.Grains.Interfaces.Configs;

/// <summary>One saved version of a configuration.</summary>
/// <param name="Version">Its semantic version, unique within the configuration.</param>
/// <param name="Parent">The version that was active when it was saved (the base of its diff), if any.</param>
/// <param name="Author">The id of the user who saved it, or <c>system</c> for a bootstrap.</param>
/// <param name="Message">Why it was saved, as its author put it.</param>
/// <param name="CreatedAt">When it was saved.</param>
public sealed record ConfigVersionInfo(string Version, string? Parent, string Author, string? Message, DateTimeOffset CreatedAt);
