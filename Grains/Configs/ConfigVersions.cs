using Cluster.Grains.Interfaces.Configs;

namespace Cluster.Grains.Configs;

/// <summary>Version numbering, retention and settings checks of a configuration.</summary>
public static class ConfigVersions
{
    /// <summary>
    /// The version a save with none given gets: the patch after the active version (or the latest, or 1.0.0 when there is
    /// none), moved on past any version already taken, so a number is never used twice.
    /// </summary>
    public static string Next(ConfigState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var taken = new HashSet<string>(state.Versions.Select(info => info.Version), StringComparer.Ordinal);
        var from = state.Active ?? state.Versions.LastOrDefault()?.Version;
        if (from is null || !SemanticVersion.TryParse(from, out var version))
        {
            return SemanticVersion.Initial.ToString();
        }

        do
        {
            version = version.NextPatch();
        }
        while (taken.Contains(version.ToString()));

        return version.ToString();
    }

    /// <summary>
    /// Removes the oldest inactive versions beyond <paramref name="retention"/>, never the active one, nor those a failed
    /// activation rolls back to; returns the versions removed, whose documents are to be cleared.
    /// </summary>
    public static List<string> Prune(ConfigState state, int retention)
    {
        ArgumentNullException.ThrowIfNull(state);
        var inactive = state.Versions
            .Where(info => info.Version != state.Active && info.Version != state.LastKnownGood && info.Version != state.PreviousGood)
            .ToList();
        var removed = inactive.Take(Math.Max(0, inactive.Count - retention)).ToList();
        foreach (var info in removed)
        {
            state.Versions.Remove(info);
        }

        return [.. removed.Select(info => info.Version)];
    }

    /// <summary>What is wrong with a schema and variables, or null.</summary>
    public static async Task<string?> ProblemOfAsync(ConfigSettingsInfo settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Variables.Count > ConfigLimits.MaxVariables)
        {
            return $"A configuration has at most {ConfigLimits.MaxVariables} variables.";
        }

        foreach (var (name, value) in settings.Variables)
        {
            if (!ConfigDocument.IsVariableName(name))
            {
                return $"Variable '{name}' cannot be referenced; use letters, digits and underscores, not starting with a digit.";
            }

            if (value is null || value.Length > ConfigLimits.MaxVariableLength)
            {
                return $"Variable '{name}' needs a string value of at most {ConfigLimits.MaxVariableLength} characters.";
            }
        }

        return settings.SchemaJson is null ? null : await ConfigSchema.ProblemOfAsync(settings.SchemaJson);
    }
}
