namespace Cluster.Grains.Interfaces.Chats;

/// <summary>A chat without its messages, as history lists it.</summary>
/// <param name="Id">The chat's id (the grain key), a UUID.</param>
/// <param name="OwnerId">The user who started it.</param>
/// <param name="Title">Its title: generated from the first message, at most <see cref="ChatLimits.MaxTitleLength"/> characters.</param>
/// <param name="Visibility">Who may read it.</param>
/// <param name="CreatedAt">When it was started, at millisecond precision.</param>
/// <param name="LastContext">The token usage of its latest answer, or null before the first.</param>
public sealed record ChatInfo(string Id, string OwnerId, string Title, ChatVisibility Visibility, DateTimeOffset CreatedAt, ChatUsage? LastContext);
