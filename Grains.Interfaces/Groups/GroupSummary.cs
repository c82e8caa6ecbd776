namespace Cluster.Grains.Interfaces.Groups;

/// <summary>A group in the list of all groups.</summary>
/// <param name="Id">The group's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="MemberCount">How many members it has.</param>
public sealed record GroupSummary(string Id, string Name, int MemberCount);
