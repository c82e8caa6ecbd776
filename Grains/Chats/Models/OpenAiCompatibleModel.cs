using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Grains.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Cluster.Grains.Chats.Models;

/// <summary>
/// Streams answers from an OpenAI-compatible chat completions API (<see cref="OpenAiCompatibleOptions"/>). A request
/// that fails before its first token (connection error, 408, 429, 5xx, no token within the first-token timeout) is
/// retried with backoff; once a token has been passed on, a failure ends the answer instead, as a retry would repeat
/// text the user has seen. A circuit breaker over all requests stops calling a provider that keeps failing.
/// Reasoning arrives as <c>reasoning_content</c> (vLLM, DeepSeek) or <c>reasoning</c> deltas.
/// </summary>
public sealed partial class OpenAiCompatibleModel : IChatModelProvider
{
    /// <summary>The name the provider's <see cref="HttpClient"/> is configured under.</summary>
    public const string HttpClientName = "chat-openai";

    private const int MaxErrorBodyBytes = 4096;

    private readonly IHttpClientFactory _httpClients;
    private readonly IOptionsMonitor<ChatOptions> _options;
    private readonly IAiConnectionSource _connection;
    private readonly ILogger<OpenAiCompatibleModel> _logger;
    private readonly ResiliencePipeline _firstToken;

    public OpenAiCompatibleModel(
        IHttpClientFactory httpClients, IOptionsMonitor<ChatOptions> options, IAiConnectionSource connection, TimeProvider timeProvider, ILogger<OpenAiCompatibleModel> logger)
    {
        (_httpClients, _options, _connection, _logger) = (httpClients, options, connection, logger);
        var settings = options.CurrentValue.OpenAI;
        var transient = new PredicateBuilder()
            .Handle<HttpRequestException>()
            .Handle<TransientProviderException>()
            .Handle<TimeoutException>();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = settings.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(500),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = arguments =>
                {
                    LogRetrying(_logger, arguments.AttemptNumber + 2, arguments.Outcome.Exception?.Message);
                    return default;
                },
            });
        }

        _firstToken = pipeline
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = settings.CircuitFailureRatio,
                MinimumThroughput = 5,
                SamplingDuration = settings.CircuitSamplingDuration,
                BreakDuration = settings.CircuitBreakDuration,
            })
            .Build();
    }

    public async IAsyncEnumerable<ModelStreamItem> StreamAsync(
        ChatModelOptions model, IReadOnlyList<ChatPromptMessage> conversation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(conversation);
        var settings = await CurrentSettingsAsync(cancellationToken);
        var body = RequestBody(model, conversation.Select(message => (message.Role, message.Text)), stream: true);
        var (response, events, first) = await StartAsync(settings, body, cancellationToken);
        using (response)
        using (events)
        {
            foreach (var item in first)
            {
                yield return item;
            }

            while (true)
            {
                var items = await NextAsync(events, settings.IdleTimeout, cancellationToken);
                if (items is null)
                {
                    yield break;
                }

                foreach (var item in items)
                {
                    yield return item;
                }
            }
        }
    }

    public async Task<string> CompleteAsync(ChatModelOptions model, string instructions, string prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var settings = await CurrentSettingsAsync(cancellationToken);
        var body = RequestBody(model, [("system", instructions), ("user", prompt)], stream: false);
        return await Execute(async token =>
        {
            using var response = await SendAsync(settings, body, token);
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(token), cancellationToken: token);
            return document.RootElement.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content)
                && content.ValueKind == JsonValueKind.String
                ? content.GetString()!
                : string.Empty;
        }, settings, cancellationToken);
    }

    // Administrators' settings over the configuration, read per request so that a change holds from the next request on.
    private async Task<OpenAiCompatibleOptions> CurrentSettingsAsync(CancellationToken cancellationToken) =>
        AiConnection.Apply(_options.CurrentValue.OpenAI, await _connection.GetAsync(cancellationToken));

    // Sends and reads up to the first token, under the retries and the circuit breaker.
    private Task<(HttpResponseMessage Response, StreamReader Events, List<ModelStreamItem> First)> StartAsync(
        OpenAiCompatibleOptions settings, byte[] body, CancellationToken cancellationToken) =>
        Execute(async token =>
        {
            var response = await SendAsync(settings, body, token);
            StreamReader? events = null;
            try
            {
                events = new StreamReader(await response.Content.ReadAsStreamAsync(token), Encoding.UTF8);
                var first = new List<ModelStreamItem>();
                while (first.Count == 0 || first.TrueForAll(item => item.Kind == ModelStreamItemKind.Usage))
                {
                    var items = await NextAsync(events, settings.IdleTimeout, token);
                    if (items is null)
                    {
                        break;
                    }

                    first.AddRange(items);
                }

                return (response, events, first);
            }
            catch
            {
                events?.Dispose();
                response.Dispose();
                throw;
            }
        }, settings, cancellationToken);

    private async Task<T> Execute<T>(Func<CancellationToken, Task<T>> operation, OpenAiCompatibleOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            return await _firstToken.ExecuteAsync(
                async token =>
                {
                    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
                    deadline.CancelAfter(settings.FirstTokenTimeout);
                    try
                    {
                        return await operation(deadline.Token);
                    }
                    catch (OperationCanceledException) when (!token.IsCancellationRequested)
                    {
                        throw new TimeoutException($"The model provider sent no token within {settings.FirstTokenTimeout.TotalSeconds:0} s.");
                    }
                },
                cancellationToken);
        }
        catch (BrokenCircuitException exception)
        {
            throw new ModelProviderException($"The model provider is failing; requests to it are paused for {settings.CircuitBreakDuration.TotalSeconds:0} s.", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or TransientProviderException or TimeoutException)
        {
            LogFailed(_logger, exception.Message);
            throw new ModelProviderException($"The model provider could not be reached or kept failing: {exception.Message}", exception);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(OpenAiCompatibleOptions settings, byte[] body, CancellationToken cancellationToken)
    {
        var url = $"{settings.BaseUrl.TrimEnd('/')}/chat/completions" + (settings.AzureApiVersion is { } version ? $"?api-version={Uri.EscapeDataString(version)}" : string.Empty);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (settings.ApiKey.Length > 0)
        {
            if (settings.AzureApiVersion is null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
            }
            else
            {
                request.Headers.Add("api-key", settings.ApiKey);
            }
        }

        var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var detail = await ErrorDetailAsync(response, cancellationToken);
            LogRefused(_logger, (int)response.StatusCode, detail);
            var status = response.StatusCode;
            if (status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500)
            {
                throw new TransientProviderException($"the provider answered {(int)status}");
            }

            throw new ModelProviderException($"The model provider refused the request ({(int)status}); check the model's settings.");
        }
    }

    // One SSE event's items: null at the end of the stream ([DONE] or end of body).
    private static async Task<List<ModelStreamItem>?> NextAsync(StreamReader events, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        while (true)
        {
            string? line;
            try
            {
                line = await events.ReadLineAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModelProviderException($"The model provider went silent for {idleTimeout.TotalSeconds:0} s in the middle of the answer.");
            }

            if (line is null)
            {
                return null;
            }

            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]"))
            {
                return null;
            }

            var items = OpenAiStreamEvent.Parse(data);
            if (items.Count > 0)
            {
                return items;
            }
        }
    }

    private static async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxErrorBodyBytes];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return OpenAiStreamEvent.ErrorMessage(buffer.AsSpan(0, read)) ?? $"HTTP {(int)response.StatusCode}";
    }

    private static byte[] RequestBody(ChatModelOptions model, IEnumerable<(string Role, string Text)> messages, bool stream)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model.ProviderModel);
            writer.WriteStartArray("messages");
            foreach (var (role, text) in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", role);
                writer.WriteString("content", text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("max_completion_tokens", model.MaxOutputTokens);
            writer.WriteBoolean("stream", stream);
            if (stream)
            {
                writer.WriteStartObject("stream_options");
                writer.WriteBoolean("include_usage", true);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed class TransientProviderException(string message) : Exception(message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model provider request failed, attempt {Attempt} follows: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int attempt, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model provider answered {Status}: {Detail}")]
    private static partial void LogRefused(ILogger logger, int status, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model provider request failed for good: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
