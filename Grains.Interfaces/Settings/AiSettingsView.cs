namespace Cluster.Grains.Interfaces.Settings;

/// <summary>The AI settings in effect (administrators' values over the configuration), with the key masked.</summary>
/// <param name="Provider"><c>openai</c>, or <c>azure-openai</c> when an Azure API version is set.</param>
/// <param name="BaseUrl">The base URL in effect.</param>
/// <param name="ApiKey"><see cref="SettingsMasks.Secret"/> when a key is in effect, else empty.</param>
/// <param name="AzureApiVersion">The Azure API version in effect; null for plain OpenAI-compatible servers.</param>
/// <param name="TitleModel">The model id that titles new chats.</param>
/// <param name="Models">The configured model ids, to choose <paramref name="TitleModel"/> from.</param>
/// <param name="Overridden">The names of the settings administrators set (the others come from configuration).</param>
/// <param name="UpdatedAt">When an administrator last changed them; null if never.</param>
/// <param name="UpdatedBy">Who did (a user id).</param>
public sealed record AiSettingsView(
    string Provider,
    string BaseUrl,
    string ApiKey,
    string? AzureApiVersion,
    string TitleModel,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Overridden,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy);
