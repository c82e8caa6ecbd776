namespace Cluster.Grains.Interfaces.Documents;

/// <summary>A suggested edit of a document version.</summary>
/// <param name="Id">The suggestion's id.</param>
/// <param name="DocumentId">The document.</param>
/// <param name="DocumentCreatedAt">The version it applies to.</param>
/// <param name="OriginalText">The text to replace.</param>
/// <param name="SuggestedText">The replacement.</param>
/// <param name="Description">Why.</param>
/// <param name="IsResolved">Whether it was applied or dismissed.</param>
/// <param name="OwnerId">The user the document belongs to.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record DocumentSuggestionInfo(
    string Id, string DocumentId, DateTimeOffset DocumentCreatedAt, string OriginalText, string SuggestedText, string? Description, bool IsResolved, string OwnerId, DateTimeOffset CreatedAt);
