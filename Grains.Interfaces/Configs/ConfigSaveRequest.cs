namespace Cluster.Grains.Interfaces.Configs;

/// <summary>A new version to save.</summary>
/// <param name="DocumentJson">The document, a JSON object of at most <see cref="ConfigLimits.MaxDocumentBytes"/> bytes.</param>
/// <param name="Version">Its semantic version; null bumps the patch of the active version (or of the latest, or starts at 1.0.0).</param>
/// <param name="Activate">Whether it becomes the active version at once.</param>
/// <param name="Message">Why it is saved (at most <see cref="ConfigLimits.MaxMessageLength"/> characters).</param>
/// <param name="Author">The id of the user saving it.</param>
public sealed record ConfigSaveRequest(string DocumentJson, string? Version, bool Activate, string? Message, string Author);
