namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// One persistent state of an activation as its storage holds it now, as JSON, for the dashboard's administrators.
/// Values of properties whose names suggest a credential (password, secret, hash, salt, a token, a key) are replaced by
/// <see cref="LogRedaction.Mask"/>.
/// </summary>
/// <param name="StateName">The state's name, as the grain declares it.</param>
/// <param name="StorageName">The storage provider it is kept in.</param>
/// <param name="RecordExists">Whether storage holds a record; false means the grain has not written it yet.</param>
/// <param name="ETag">The stored record's version, when there is one.</param>
/// <param name="Json">The stored state as indented JSON, cut at <see cref="GrainStateJson.MaxLength"/> characters.</param>
/// <param name="Truncated">Whether <paramref name="Json"/> was cut.</param>
public sealed record GrainStateSnapshot(string StateName, string StorageName, bool RecordExists, string? ETag, string Json, bool Truncated);
