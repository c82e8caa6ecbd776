namespace Cluster.ApiHost.Settings;

/// <summary>The body of <c>PATCH /api/settings/system-prompts/{id}</c>.</summary>
/// <param name="Content">The new prompt; null restores the built-in one.</param>
public sealed record SystemPromptRequest(string? Content);
