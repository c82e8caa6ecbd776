namespace Cluster.Grains.Interfaces.Documents;

/// <summary>A suggested edit to add to a document.</summary>
/// <param name="OriginalText">The text to replace.</param>
/// <param name="SuggestedText">The replacement.</param>
/// <param name="Description">Why; null for none.</param>
public sealed record NewSuggestion(string OriginalText, string SuggestedText, string? Description);
