using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Identity;

/// <summary>
/// Searches accounts by email for administrators, straight from storage over an index (no user grain is activated),
/// so a page costs the same at 100,000 users as at 100. Any key; a stateless worker on every silo.
/// </summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The key callers use: any serves, as the grain is a stateless worker, but one key keeps one pool of activations.</summary>
    const string Key = "all";

    /// <summary>The largest page.</summary>
    const int MaxPageSize = 200;

    /// <summary>
    /// Accounts whose email starts with <paramref name="emailPrefix"/> (case-insensitive; empty for all), by email,
    /// starting after <paramref name="cursor"/> (from the previous page; null for the first), at most
    /// <paramref name="pageSize"/>. Reflects what is stored, so a change is seen once its grain has written it.
    /// </summary>
    /// <exception cref="ArgumentException">The cursor is not one this grain handed out, or the page size is out of range.</exception>
    /// <exception cref="NotSupportedException">The silo's storage cannot be searched (the memory provider of unit tests).</exception>
    [ReadOnly]
    Task<UserPage> SearchAsync(string emailPrefix, string? cursor, int pageSize, CancellationToken cancellationToken = default);
}
