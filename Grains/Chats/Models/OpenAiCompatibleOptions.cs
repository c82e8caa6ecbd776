namespace Cluster.Grains.Chats.Models;

/// <summary>
/// The OpenAI-compatible chat completions API (<c>Chat:OpenAI</c>) that models with <c>Provider: OpenAI</c> use:
/// OpenAI itself, Azure OpenAI (set <see cref="AzureApiVersion"/>), or a local server such as vLLM or llama.cpp's.
/// </summary>
public sealed class OpenAiCompatibleOptions
{
    /// <summary>
    /// The API's base URL, to which <c>/chat/completions</c> is appended: <c>https://api.openai.com/v1</c>,
    /// <c>http://localhost:8000/v1</c> (vLLM), or for Azure <c>https://&lt;resource&gt;.openai.azure.com/openai/deployments/&lt;deployment&gt;</c>.
    /// </summary>
    public string BaseUrl { get; set; } = "https://api.openai.com/v1";

    /// <summary>The API key, sent as <c>Authorization: Bearer</c> (or <c>api-key</c> for Azure); empty for servers that need none. Keep it in a secret store.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Azure OpenAI's <c>api-version</c>, such as <c>2024-10-21</c>; set only for Azure.</summary>
    public string? AzureApiVersion { get; set; }

    /// <summary>How long to wait for the first token of an answer (the request included). Default 30 s; 1 s to 10 min.</summary>
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the stream may stay silent between two pieces. Default 60 s; 1 s to 10 min.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a request that failed before its first token (connection errors, 429, 5xx, timeouts). Default 2; 0 to 5.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The share of failed requests, over <see cref="CircuitSamplingDuration"/> with at least 5 requests, that opens
    /// the circuit: requests then fail at once for <see cref="CircuitBreakDuration"/>. Default 0.5; 0.1 to 1.
    /// </summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>The window over which failures are counted for the circuit. Default 30 s; 1 s to 10 min.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses requests before trying one again. Default 30 s; 1 s to 10 min.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
