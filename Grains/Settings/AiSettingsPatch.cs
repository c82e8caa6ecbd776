using System.Text.RegularExpressions;
using Cluster.Grains.Interfaces.Plugins;
using Cluster.Grains.Interfaces.Settings;

namespace Cluster.Grains.Settings;

/// <summary>A merge patch of the AI settings, checked setting by setting.</summary>
public static partial class AiSettingsPatch
{
    public const string BaseUrl = "baseUrl";
    public const string ApiKey = "apiKey";
    public const string AzureApiVersion = "azureApiVersion";
    public const string TitleModel = "titleModel";

    /// <summary>
    /// The settings <paramref name="patch"/> makes of <paramref name="current"/>, the parsed patch (its errors, when any,
    /// mean nothing may change) and the names of the settings it changes: the masked key sent back changes nothing.
    /// </summary>
    public static (AiConnectionInfo Next, SettingsPatch Patch, IReadOnlyList<string> Changed) Apply(
        AiConnectionInfo current, string patch, IReadOnlyCollection<string> modelIds)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(modelIds);
        var changes = SettingsPatch.Parse(patch, [BaseUrl, ApiKey, AzureApiVersion, TitleModel]);
        var next = current;
        if (changes.TryGetString(BaseUrl, out var baseUrl))
        {
            if (baseUrl is not null && !ServiceUrls.TryNormalize(baseUrl, out _))
            {
                changes.Errors.Add($"'{BaseUrl}' must be an absolute http or https URL with no query or user info, such as https://api.openai.com/v1.");
            }

            next = next with { BaseUrl = baseUrl?.TrimEnd('/') };
        }

        var keyKept = changes.TryGetString(ApiKey, out var apiKey) && apiKey == SettingsMasks.Secret;
        if (changes.Names.Contains(ApiKey) && !keyKept)
        {
            if (apiKey is not null && (apiKey.Length is 0 or > 1000 || apiKey.Any(char.IsControl)))
            {
                changes.Errors.Add($"'{ApiKey}' must have 1 to 1000 characters and no control characters.");
            }

            next = next with { ApiKey = apiKey };
        }

        if (changes.TryGetString(AzureApiVersion, out var version))
        {
            if (version is not null && !AzureApiVersionPattern().IsMatch(version))
            {
                changes.Errors.Add($"'{AzureApiVersion}' must look like 2024-10-21 or 2025-01-01-preview.");
            }

            next = next with { AzureApiVersion = version };
        }

        if (changes.TryGetString(TitleModel, out var titleModel))
        {
            if (titleModel is not null && !modelIds.Contains(titleModel))
            {
                changes.Errors.Add($"'{TitleModel}' must be a configured model: {string.Join(", ", modelIds.Order(StringComparer.Ordinal))}.");
            }

            next = next with { TitleModel = titleModel };
        }

        return (next, changes, [.. changes.Names.Where(name => name != ApiKey || !keyKept)]);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AzureApiVersionPattern();
}
