using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Documents;

/// <summary>One document, keyed by its id: its versions (each save adds one) and suggestions on them.</summary>
public interface IDocumentGrain : IGrainWithStringKey
{
    /// <summary>The versions, oldest first; empty when the document does not exist.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DocumentVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves a new version for <paramref name="ownerId"/>; a new document becomes theirs, another's is refused.</summary>
    /// <exception cref="ArgumentException">A field is empty or over <see cref="DocumentLimits"/>.</exception>
    Task<DocumentSaveResult> SaveAsync(string ownerId, string title, string content, DocumentKind kind, CancellationToken cancellationToken = default);

    /// <summary>Deletes the versions saved after <paramref name="after"/>, with their suggestions; returns them.</summary>
    Task<IReadOnlyList<DocumentVersionInfo>> DeleteVersionsAfterAsync(DateTimeOffset after, CancellationToken cancellationToken = default);

    /// <summary>The suggestions, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DocumentSuggestionInfo>> GetSuggestionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds suggestions on the latest version (made by the model's suggestion tool); false when the document does not exist.</summary>
    Task<bool> AddSuggestionsAsync(IReadOnlyList<NewSuggestion> suggestions, CancellationToken cancellationToken = default);
}
