namespace Cluster.Grains.Interfaces.Settings;

/// <summary>What a test call to the AI provider found.</summary>
/// <param name="Ok">Whether the provider answered.</param>
/// <param name="Model">The model id asked (the title model).</param>
/// <param name="LatencyMs">How long the call took, in milliseconds.</param>
/// <param name="Reply">The start of the answer, when there was one.</param>
/// <param name="Error">Why it failed.</param>
public sealed record AiTestResult(bool Ok, string Model, double LatencyMs, string? Reply, string? Error);
