using System.Text.Json;
using Cluster.Grains.Interfaces.Users;

namespace Cluster.ApiHost.Users;

/// <summary>A user's preferences: pinned app ids and the free-form UI object.</summary>
public sealed record PreferencesResponse(IReadOnlyList<string> PinnedAppIds, JsonElement Ui, long Version)
{
    /// <summary>The response for <paramref name="preferences"/>.</summary>
    public static PreferencesResponse From(PreferencesInfo preferences)
    {
        using var ui = JsonDocument.Parse(preferences.UiJson);
        return new(preferences.PinnedAppIds, ui.RootElement.Clone(), preferences.Version);
    }
}
