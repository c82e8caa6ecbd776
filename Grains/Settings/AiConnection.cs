using Cluster.Grains.Chats.Models;
using Cluster.Grains.Interfaces.Settings;

namespace Cluster.Grains.Settings;

/// <summary>The OpenAI-compatible provider's connection as administrators' settings make it over the configuration.</summary>
public static class AiConnection
{
    /// <summary>A copy of <paramref name="configured"/> with each setting of <paramref name="overrides"/> that is set.</summary>
    public static OpenAiCompatibleOptions Apply(OpenAiCompatibleOptions configured, AiConnectionInfo overrides)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(overrides);
        return new OpenAiCompatibleOptions
        {
            BaseUrl = overrides.BaseUrl ?? configured.BaseUrl,
            ApiKey = overrides.ApiKey ?? configured.ApiKey,
            AzureApiVersion = overrides.AzureApiVersion ?? configured.AzureApiVersion,
            FirstTokenTimeout = configured.FirstTokenTimeout,
            IdleTimeout = configured.IdleTimeout,
            MaxRetries = configured.MaxRetries,
            CircuitFailureRatio = configured.CircuitFailureRatio,
            CircuitSamplingDuration = configured.CircuitSamplingDuration,
            CircuitBreakDuration = configured.CircuitBreakDuration,
        };
    }
}
