using Cluster.Grains.Interfaces.Settings;

namespace Cluster.Grains.Settings;

/// <summary>The persisted state of the platform settings.</summary>
public sealed class PlatformSettingsState
{
    public AiConnectionInfo Ai { get; set; } = AiConnectionInfo.None;

    public DateTimeOffset? AiUpdatedAt { get; set; }

    public string? AiUpdatedBy { get; set; }

    /// <summary>The prompts changed from their built-in texts, by id.</summary>
    public Dictionary<string, SystemPromptState> Prompts { get; set; } = [];

    /// <summary>The document content limit set; null for the default.</summary>
    public int? MaxContentCharacters { get; set; }

    public DateTimeOffset? LimitsUpdatedAt { get; set; }

    public string? LimitsUpdatedBy { get; set; }

    /// <summary>A copy to put back if a write fails (the prompts' dictionary copied; the rest is immutable).</summary>
    public PlatformSettingsState Copy()
    {
        var copy = (PlatformSettingsState)MemberwiseClone();
        copy.Prompts = new Dictionary<string, SystemPromptState>(Prompts);
        return copy;
    }
}
