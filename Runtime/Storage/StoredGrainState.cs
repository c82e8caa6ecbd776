namespace Cluster.Runtime.Storage;

/// <summary>One stored state found by <see cref="IGrainStateQuery.ListAsync"/>.</summary>
/// <param name="GrainKey">The grain's key.</param>
/// <param name="Position">Its position in the listing, to continue after it.</param>
/// <param name="Json">The stored state as JSON.</param>
public sealed record StoredGrainState(string GrainKey, StateListPosition Position, string Json);
