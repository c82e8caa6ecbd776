using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Feedback;

/// <summary>The application feedback users gave, for reviewers. One grain, keyed <see cref="Key"/>.</summary>
public interface IFeedbackLogGrain : IGrainWithStringKey
{
    /// <summary>The key of the log.</summary>
    const string Key = "feedback";

    /// <summary>Adds feedback.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rating is not 1 to 5, or the text too long.</exception>
    Task<FeedbackInfo> AddAsync(int rating, string? text, string? userId, CancellationToken cancellationToken = default);

    /// <summary>The entries from <paramref name="offset"/> on, newest first, at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    Task<FeedbackPage> ListAsync(int offset, int limit, CancellationToken cancellationToken = default);
}
