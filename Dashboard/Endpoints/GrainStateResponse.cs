using Cluster.Runtime.Diagnostics;

namespace Cluster.Dashboard.Endpoints;

/// <summary>One active grain's persistent states as storage holds them, credentials redacted.</summary>
/// <param name="GrainType">The grain type name.</param>
/// <param name="Key">The grain's key.</param>
/// <param name="Silo">The silo it is active on.</param>
/// <param name="States">Each state it declares, with its storage provider; empty for a grain without persistent state.</param>
public sealed record GrainStateResponse(string GrainType, string Key, string Silo, IReadOnlyList<GrainStateSnapshot> States);
