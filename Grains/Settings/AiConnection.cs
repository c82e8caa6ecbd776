using Cluster.Grains.Chats.Models;
using Cluster.Grains.Interfaces.Settings;

namespace Cluster.Grains.Settings;

/// <summary>The OpenAI-compatible provider's connection as administrators' settings make it over the configuration.</summary>
public static class AiConnection
{
    /// <summary>
    /// A copy of <paramref name="configured"/> with each setting of <paramref name="overrides"/> that is set. A base URL
    /// set by administrators never gets the configured key: whoever may change the URL cannot read the key, and must not
    /// be able to have it sent to a server of theirs; such a URL needs its own key.
    /// </summary>
    public static OpenAiCompatibleOptions Apply(OpenAiCompatibleOptions configured, AiConnectionInfo overrides)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(overrides);
        return new OpenAiCompatibleOptions
        {
            BaseUrl = overrides.BaseUrl ?? configured.BaseUrl,
            ApiKey = overrides.ApiKey ?? (overrides.BaseUrl is null ? configured.ApiKey : string.Empty),
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
