namespace Cluster.Dashboard.Endpoints;

/// <summary>The outcome of deactivating one grain from the dashboard.</summary>
/// <param name="GrainType">The grain type name.</param>
/// <param name="Key">The grain's key.</param>
/// <param name="Silo">The silo it was deactivated on.</param>
public sealed record GrainDeactivationResponse(string GrainType, string Key, string Silo);
