namespace Cluster.Grains.Interfaces.Settings;

/// <summary>What a generation reads of the settings when it starts.</summary>
/// <param name="ChatPrompt">The system message sent before the conversation; empty sends none.</param>
/// <param name="TitlePrompt">The instructions for titling a new chat.</param>
/// <param name="TitleModel">The model id that titles new chats, when administrators chose one; null keeps the configured one.</param>
public sealed record GenerationSettingsInfo(string ChatPrompt, string TitlePrompt, string? TitleModel);
