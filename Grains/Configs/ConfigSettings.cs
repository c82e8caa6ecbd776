using Cluster.Grains.Interfaces.Configs;
using Cluster.Grains.Persistence;

namespace Cluster.Grains.Configs;

/// <summary>A configuration's schema and variables, and its bootstrap from a file with them.</summary>
internal sealed class ConfigSettings(ConfigGrain grain)
{
    public async Task<ConfigChangeResult> SetAsync(ConfigSettingsInfo settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await ConfigVersions.ProblemOfAsync(settings) is { } problem)
        {
            return ConfigChangeResult.Failed(ConfigChangeOutcome.Invalid, problem);
        }

        await grain.Persisted.ChangeAsync(state => Apply(state, settings), state => state.Copy(), cancellationToken);

        // The consumers see the variables only resolved into the active document, so they get it again.
        var active = grain.Persisted.State.Active;
        if (active is not null)
        {
            await grain.PushAsync(active, isRollback: false, "variables changed", CancellationToken.None);
        }

        return new ConfigChangeResult(ConfigChangeOutcome.Done, null, [], active, null, string.Empty);
    }

    public async Task<bool> BootstrapAsync(string documentJson, ConfigSettingsInfo settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (grain.Persisted.State.Versions.Count > 0)
        {
            return false;
        }

        var (document, error) = ConfigDocument.Read(documentJson);
        var problem = error ?? await ConfigVersions.ProblemOfAsync(settings);
        if (problem is null && settings.SchemaJson is { } schema && await grain.Schema.ValidateAsync(schema, document!.ToJsonString()) is { Count: > 0 } errors)
        {
            problem = $"The document does not match its schema: {errors[0]}.";
        }

        if (problem is not null)
        {
            throw new ArgumentException($"Bootstrapping '{grain.NameOf()}' failed: {problem}", nameof(documentJson));
        }

        var version = SemanticVersion.Initial.ToString();
        await grain.Persisted.ChangeAsync(state => Apply(state, settings), state => state.Copy(), cancellationToken);
        await grain.AddVersionAsync(
            document!.ToJsonString(), version, activate: true, "Bootstrapped from the configured file", ConfigGrain.SystemActor, cancellationToken);

        // The shipped file is trusted as good: a first edit that fails has it to roll back to.
        await grain.Persisted.ChangeAsync(state => state.LastKnownGood = version, state => state.Copy(), CancellationToken.None);
        return true;
    }

    private static void Apply(ConfigState state, ConfigSettingsInfo settings)
    {
        state.SchemaJson = settings.SchemaJson;
        state.Variables = new Dictionary<string, string>(settings.Variables, StringComparer.Ordinal);
    }
}
