namespace Cluster.Grains.Interfaces.Configs;

/// <summary>What a consumer of a configuration found when it applied an activated version.</summary>
/// <param name="Version">The version it applied.</param>
/// <param name="Succeeded">Whether it runs on that version now.</param>
/// <param name="Error">Why applying it failed; null on success. At most <see cref="MaxErrorLength"/> characters are kept.</param>
/// <param name="Reporter">Who reports: a silo, a service, a user id.</param>
/// <param name="ReportedAt">When the report was received.</param>
public sealed record ConfigActivationReport(string Version, bool Succeeded, string? Error, string Reporter, DateTimeOffset ReportedAt)
{
    /// <summary>The longest error kept, in characters.</summary>
    public const int MaxErrorLength = 2000;
}
