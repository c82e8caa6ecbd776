using Cluster.Grains.Interfaces.Feedback;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Feedback;

[GrainType("feedback-log")]
public sealed class FeedbackLogGrain(
    [PersistentState(FeedbackLogGrain.StateName)] IPersistentState<FeedbackLogState> log,
    TimeProvider timeProvider) : Grain, IFeedbackLogGrain
{
    public const string StateName = "feedback-log";

    public async Task<FeedbackInfo> AddAsync(int rating, string? text, string? userId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rating, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 5);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(text?.Length ?? 0, FeedbackLimits.MaxTextLength, nameof(text));
        var entry = new FeedbackInfo(Guid.NewGuid().ToString(), rating, text, userId, StoredTime.Of(timeProvider.GetUtcNow()));
        await log.ChangeAsync(
            state =>
            {
                state.Entries.Add(entry);
                if (state.Entries.Count > FeedbackLimits.MaxEntries)
                {
                    state.Entries.RemoveRange(0, state.Entries.Count - FeedbackLimits.MaxEntries);
                }
            },
            state => new FeedbackLogState { Entries = [.. state.Entries] },
            cancellationToken);
        return entry;
    }

    public Task<FeedbackPage> ListAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var entries = log.State.Entries;
        var page = Enumerable.Range(0, Math.Max(0, Math.Min(limit, entries.Count - offset))).Select(index => entries[entries.Count - 1 - offset - index]).ToList();
        return Task.FromResult(new FeedbackPage(page, entries.Count));
    }
}
