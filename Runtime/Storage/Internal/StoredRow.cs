namespace Cluster.Runtime.Storage.Internal;

/// <summary>A stored state row as read back.</summary>
/// <param name="Version">The row's version, the ETag's value.</param>
/// <param name="Payload">The state as JSON, or <c>null</c> for a tombstone left by a clear.</param>
internal readonly record struct StoredRow(int Version, string? Payload);
