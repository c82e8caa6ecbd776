namespace Cluster.Dashboard.Endpoints;

/// <summary>Where one grain is active.</summary>
/// <param name="GrainType">The grain type name.</param>
/// <param name="Key">The grain's key.</param>
/// <param name="Silo">The silo it is active on, or null when it is active nowhere (it activates on its next call).</param>
/// <param name="SilosAsked">The silos asked; one that did not answer may host it unseen.</param>
/// <param name="SilosUnanswered">Those among them that did not answer in time.</param>
public sealed record GrainLookupResponse(string GrainType, string Key, string? Silo, int SilosAsked, int SilosUnanswered);
