namespace Cluster.Grains.Interfaces.Settings;

/// <summary>What administrators set over the configured OpenAI-compatible provider; a null member keeps the configured value.</summary>
/// <param name="BaseUrl">The API's base URL, such as <c>https://api.openai.com/v1</c>.</param>
/// <param name="ApiKey">The API key; only silos read it in clear.</param>
/// <param name="AzureApiVersion">The Azure OpenAI <c>api-version</c>; set, the key goes in <c>api-key</c> rather than as a bearer token.</param>
/// <param name="TitleModel">The model id that titles new chats.</param>
public sealed record AiConnectionInfo(string? BaseUrl, string? ApiKey, string? AzureApiVersion, string? TitleModel)
{
    /// <summary>Nothing set: the configuration holds.</summary>
    public static AiConnectionInfo None { get; } = new(null, null, null, null);
}
