namespace Cluster.Grains.Interfaces.Settings;

/// <summary>Limits of documents (<c>/api/document</c>) set by administrators.</summary>
/// <param name="MaxContentCharacters">The longest document content accepted, in characters; 1 to <see cref="Documents.DocumentLimits.MaxContentLength"/> (the default).</param>
/// <param name="UpdatedAt">When an administrator last changed them; null if never.</param>
/// <param name="UpdatedBy">Who did (a user id).</param>
public sealed record DocumentLimitsInfo(int MaxContentCharacters, DateTimeOffset? UpdatedAt, string? UpdatedBy);
