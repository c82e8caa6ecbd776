using Cluster.Grains.Interfaces.Documents;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Documents;

[GrainType("document")]
public sealed class DocumentGrain(
    [PersistentState(DocumentGrain.StateName)] IPersistentState<DocumentState> document,
    TimeProvider timeProvider) : Grain, IDocumentGrain
{
    public const string StateName = "document";

    private DocumentState State => document.State;

    public Task<IReadOnlyList<DocumentVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DocumentVersionInfo>>([.. State.Versions]);

    public async Task<DocumentSaveResult> SaveAsync(string ownerId, string title, string content, DocumentKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(content);
        if (title.Length > DocumentLimits.MaxTitleLength || content.Length > DocumentLimits.MaxContentLength)
        {
            throw new ArgumentException($"A document's title has at most {DocumentLimits.MaxTitleLength} characters and its content at most {DocumentLimits.MaxContentLength}.");
        }

        if (State.OwnerId is { } owner && owner != ownerId)
        {
            return new DocumentSaveResult(null);
        }

        // Versions are named by their time: never two at one millisecond, never one before the latest.
        var now = StoredTime.Of(timeProvider.GetUtcNow());
        if (State.Versions is [.., var latest] && now <= latest.CreatedAt)
        {
            now = latest.CreatedAt.AddMilliseconds(1);
        }

        var version = new DocumentVersionInfo(this.GetPrimaryKeyString(), now, title, content, kind, ownerId);
        await document.ChangeAsync(state =>
        {
            state.OwnerId = ownerId;
            state.Versions.Add(version);
            if (state.Versions.Count > DocumentLimits.MaxVersions)
            {
                var dropped = state.Versions[0].CreatedAt;
                state.Versions.RemoveAt(0);
                state.Suggestions.RemoveAll(suggestion => suggestion.DocumentCreatedAt == dropped);
            }
        }, state => state.Clone(), cancellationToken);
        return new DocumentSaveResult(version);
    }

    public async Task<IReadOnlyList<DocumentVersionInfo>> DeleteVersionsAfterAsync(DateTimeOffset after, CancellationToken cancellationToken = default)
    {
        var deleted = State.Versions.Where(version => version.CreatedAt > after).ToList();
        if (deleted.Count > 0)
        {
            await document.ChangeAsync(state =>
            {
                state.Versions.RemoveAll(version => version.CreatedAt > after);
                state.Suggestions.RemoveAll(suggestion => suggestion.DocumentCreatedAt > after);
            }, state => state.Clone(), cancellationToken);
        }

        return deleted;
    }

    public Task<IReadOnlyList<DocumentSuggestionInfo>> GetSuggestionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DocumentSuggestionInfo>>([.. State.Suggestions]);

    public async Task<bool> AddSuggestionsAsync(IReadOnlyList<NewSuggestion> suggestions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        if (State.Versions is not [.., var latest])
        {
            return false;
        }

        var now = StoredTime.Of(timeProvider.GetUtcNow());
        var added = suggestions.Select(suggestion => new DocumentSuggestionInfo(
            Guid.NewGuid().ToString(), latest.DocumentId, latest.CreatedAt, suggestion.OriginalText, suggestion.SuggestedText, suggestion.Description, false, State.OwnerId!, now));
        await document.ChangeAsync(state =>
        {
            state.Suggestions.AddRange(added);
            if (state.Suggestions.Count > DocumentLimits.MaxSuggestions)
            {
                state.Suggestions.RemoveRange(0, state.Suggestions.Count - DocumentLimits.MaxSuggestions);
            }
        }, state => state.Clone(), cancellationToken);
        return true;
    }
}
