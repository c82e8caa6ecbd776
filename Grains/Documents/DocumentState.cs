using Cluster.Grains.Interfaces.Documents;

namespace Cluster.Grains.Documents;

/// <summary>A document's versions, oldest first, and the suggestions on them.</summary>
public sealed class DocumentState
{
    public string? OwnerId { get; set; }

    public List<DocumentVersionInfo> Versions { get; set; } = [];

    public List<DocumentSuggestionInfo> Suggestions { get; set; } = [];

    public DocumentState Clone() => new() { OwnerId = OwnerId, Versions = [.. Versions], Suggestions = [.. Suggestions] };
}
