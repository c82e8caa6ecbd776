using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cluster.Grains.Interfaces.Users;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Users;

[GrainType("preferences")]
public sealed class PreferencesGrain(
    [PersistentState(PreferencesGrain.StateName)] IPersistentState<PreferencesState> preferences) : Grain, IPreferencesGrain
{
    public const string StateName = "preferences";

    private PreferencesState State => preferences.State;

    public Task<PreferencesInfo> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(ToInfo());

    public async Task<EffectivePreferencesInfo> GetEffectiveAsync(CancellationToken cancellationToken = default)
    {
        var rules = await Policy().GetAsync(cancellationToken);
        var effective = PreferencesPolicy.Apply(rules, JsonNode.Parse(State.UiJson) as JsonObject ?? []);
        return new EffectivePreferencesInfo(effective.ToJsonString(), rules.LockedKeys, State.Version);
    }

    public async Task<PreferencesUpdate> PatchAsync(PreferencesPatch patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.PinnedAppIds is { } pinned && PinnedProblem(pinned) is { } pinnedProblem)
        {
            return new PreferencesUpdate(ToInfo(), pinnedProblem);
        }

        var ui = State.UiJson;
        if (patch.UiMergePatch is { } mergePatch)
        {
            JsonNode? patchNode;
            try
            {
                patchNode = JsonNode.Parse(mergePatch);
            }
            catch (JsonException)
            {
                return new PreferencesUpdate(ToInfo(), "The UI preferences patch is not valid JSON.");
            }

            if (patchNode is not (JsonObject or null))
            {
                return new PreferencesUpdate(ToInfo(), "The UI preferences patch must be a JSON object (or null to clear them); set a member to null to remove it.");
            }

            // Clearing them all (null) is allowed: locked keys hold their defaults whatever the user's document says.
            if (patchNode is JsonObject patchObject && PreferencesPolicy.LockedIn(await Policy().GetAsync(cancellationToken), patchObject) is { Count: > 0 } locked)
            {
                return new PreferencesUpdate(ToInfo(), $"{string.Join(", ", locked)} {(locked.Count == 1 ? "is" : "are")} locked by the administrators; leave {(locked.Count == 1 ? "it" : "them")} out of the change.");
            }

            ui = patchNode is null ? "{}" : JsonMergePatch.Apply(JsonNode.Parse(State.UiJson), patchNode)!.ToJsonString();
            if (Encoding.UTF8.GetByteCount(ui) > PreferencesLimits.MaxUiBytes)
            {
                return new PreferencesUpdate(ToInfo(), $"The UI preferences would take more than {PreferencesLimits.MaxUiBytes} bytes; remove some first.");
            }
        }

        await preferences.ChangeAsync(state =>
        {
            state.PinnedAppIds = patch.PinnedAppIds is { } ids ? [.. ids] : state.PinnedAppIds;
            state.UiJson = ui;
            state.Version++;
        }, state => state.Clone(), cancellationToken);
        return new PreferencesUpdate(ToInfo(), null);
    }

    private static string? PinnedProblem(IReadOnlyList<string> pinned)
    {
        if (pinned.Count > PreferencesLimits.MaxPinnedApps)
        {
            return $"{pinned.Count} apps are pinned; at most {PreferencesLimits.MaxPinnedApps} may be.";
        }

        if (pinned.FirstOrDefault(id => !PreferencesLimits.IsAppId(id)) is { } bad)
        {
            return $"'{bad}' is not an app id; use lower-case letters, digits, '-' and '_' (at most {PreferencesLimits.MaxAppIdLength}).";
        }

        return pinned.Distinct(StringComparer.Ordinal).Count() != pinned.Count ? "An app is pinned twice; list each once." : null;
    }

    private IPreferencesPolicyGrain Policy() => GrainFactory.GetGrain<IPreferencesPolicyGrain>(IPreferencesPolicyGrain.Key);

    private PreferencesInfo ToInfo() => new([.. State.PinnedAppIds], State.UiJson, State.Version);
}
