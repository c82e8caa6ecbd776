namespace Cluster.Grains.Interfaces.Chats;

/// <summary>A chat model the cluster serves, as the model picker shows it.</summary>
/// <param name="Id">The id clients select it by, such as <c>chat-model</c>.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Description">A sentence on what it is for.</param>
/// <param name="Reasoning">Whether it streams its reasoning before the answer.</param>
/// <param name="AllowedGroups">Names of the groups whose members may use it; empty for everyone.</param>
public sealed record ChatModelInfo(string Id, string Name, string Description, bool Reasoning, IReadOnlyList<string> AllowedGroups);
