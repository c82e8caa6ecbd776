using Microsoft.Extensions.Options;

namespace Cluster.Grains.Chats.Models;

/// <summary>
/// Chat models and generation (<c>Chat</c>), read by silos. With no model configured, <c>chat-model</c> and
/// <c>chat-model-reasoning</c> are served by the local development model, so a fresh checkout chats with no service.
/// </summary>
public sealed class ChatOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Chat";

    /// <summary>The models by id. Default: the two local development models.</summary>
    public Dictionary<string, ChatModelOptions> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The model that titles new chats (any configured id). Default <c>chat-model</c>.</summary>
    public string TitleModel { get; set; } = "chat-model";

    /// <summary>
    /// How often a running answer's chunks are persisted, so a silo's death loses at most this much output. Default
    /// 500 ms; 50 ms to 10 s.
    /// </summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest an answer may be generated before it is stopped. Default 30 min; 10 s to 24 h.</summary>
    public TimeSpan MaxGenerationTime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The local development model.</summary>
    public LocalModelOptions Local { get; set; } = new();

    /// <summary>The OpenAI-compatible API.</summary>
    public OpenAiCompatibleOptions OpenAI { get; set; } = new();
}

/// <summary>Fills in the models' ids, and the local development models when none are configured.</summary>
internal sealed class ChatOptionsSetup : IPostConfigureOptions<ChatOptions>
{
    public void PostConfigure(string? name, ChatOptions options)
    {
        if (options.Models.Count == 0)
        {
            options.Models["chat-model"] = new ChatModelOptions
            {
                Name = "Local development model",
                Description = "Built into the silo for development: it echoes your message and needs no model service. Configure Chat:Models for a real model.",
            };
            options.Models["chat-model-reasoning"] = new ChatModelOptions
            {
                Name = "Local development model (with reasoning)",
                Description = "The local development model, streaming a made-up reasoning first. Configure Chat:Models for a real model.",
                Reasoning = true,
            };
        }

        foreach (var (id, model) in options.Models)
        {
            model.Id = id;
        }
    }
}

/// <summary>Checks <see cref="ChatOptions"/> at start and says which setting to change.</summary>
internal sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions options)
    {
        var failures = new List<string>();
        var section = ChatOptions.SectionName;
        foreach (var (id, model) in options.Models)
        {
            var at = $"{section}:Models:{id}";
            if (id.Length is 0 or > 64 || id.Any(character => !(char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '.')))
            {
                failures.Add($"{at}: the model id '{id}' must be 1 to 64 letters, digits, '-', '_' or '.'.");
            }

            if (string.IsNullOrWhiteSpace(model.Name))
            {
                failures.Add($"{at}:{nameof(ChatModelOptions.Name)} is empty; set the name the model picker shows.");
            }

            if (model.Provider == ChatModelProviderKind.OpenAI && string.IsNullOrWhiteSpace(model.ProviderModel))
            {
                failures.Add($"{at}:{nameof(ChatModelOptions.ProviderModel)} is empty; set the provider's model name (such as gpt-5-mini, or the Azure deployment).");
            }

            if (model.MaxOutputTokens is < 16 or > 200_000)
            {
                failures.Add($"{at}:{nameof(ChatModelOptions.MaxOutputTokens)} is {model.MaxOutputTokens}; set 16 to 200000.");
            }
        }

        if (!options.Models.ContainsKey(options.TitleModel))
        {
            failures.Add($"{section}:{nameof(ChatOptions.TitleModel)} is '{options.TitleModel}', which is not a configured model; set one of: {string.Join(", ", options.Models.Keys)}.");
        }

        Check(failures, options.PersistInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), $"{section}:{nameof(ChatOptions.PersistInterval)}");
        Check(failures, options.MaxGenerationTime, TimeSpan.FromSeconds(10), TimeSpan.FromHours(24), $"{section}:{nameof(ChatOptions.MaxGenerationTime)}");
        if (options.Local.WordsPerSecond is < 1 or > 10_000)
        {
            failures.Add($"{section}:Local:{nameof(LocalModelOptions.WordsPerSecond)} is {options.Local.WordsPerSecond}; set 1 to 10000.");
        }

        if (options.Local.ReplyWords is < 1 or > 100_000)
        {
            failures.Add($"{section}:Local:{nameof(LocalModelOptions.ReplyWords)} is {options.Local.ReplyWords}; set 1 to 100000.");
        }

        ValidateOpenAi(failures, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateOpenAi(List<string> failures, ChatOptions options)
    {
        var openAi = options.OpenAI;
        var at = $"{ChatOptions.SectionName}:OpenAI";
        var used = options.Models.Values.Any(model => model.Provider == ChatModelProviderKind.OpenAI);
        if (used && (!Uri.TryCreate(openAi.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            failures.Add($"{at}:{nameof(OpenAiCompatibleOptions.BaseUrl)} is '{openAi.BaseUrl}'; set the API's http(s) base URL, such as https://api.openai.com/v1.");
        }

        Check(failures, openAi.FirstTokenTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), $"{at}:{nameof(OpenAiCompatibleOptions.FirstTokenTimeout)}");
        Check(failures, openAi.IdleTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), $"{at}:{nameof(OpenAiCompatibleOptions.IdleTimeout)}");
        Check(failures, openAi.CircuitSamplingDuration, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), $"{at}:{nameof(OpenAiCompatibleOptions.CircuitSamplingDuration)}");
        Check(failures, openAi.CircuitBreakDuration, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), $"{at}:{nameof(OpenAiCompatibleOptions.CircuitBreakDuration)}");
        if (openAi.MaxRetries is < 0 or > 5)
        {
            failures.Add($"{at}:{nameof(OpenAiCompatibleOptions.MaxRetries)} is {openAi.MaxRetries}; set 0 to 5.");
        }

        if (openAi.CircuitFailureRatio is < 0.1 or > 1)
        {
            failures.Add($"{at}:{nameof(OpenAiCompatibleOptions.CircuitFailureRatio)} is {openAi.CircuitFailureRatio}; set 0.1 to 1.");
        }
    }

    private static void Check(List<string> failures, TimeSpan value, TimeSpan min, TimeSpan max, string setting)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} is {value}; set it between {min} and {max}.");
        }
    }
}
