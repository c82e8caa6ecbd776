using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cluster.Grains.Interfaces.Users;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Users;

[GrainType("preferences-policy")]
public sealed class PreferencesPolicyGrain(
    [PersistentState(PreferencesPolicyGrain.StateName)] IPersistentState<PreferencesPolicyState> policy,
    TimeProvider timeProvider) : Grain, IPreferencesPolicyGrain
{
    public const string StateName = "preferences-policy";

    public Task<PreferencesPolicyInfo> GetAsync(CancellationToken cancellationToken = default)
    {
        var state = policy.State;
        return Task.FromResult(new PreferencesPolicyInfo(state.DefaultsJson, [.. state.LockedKeys], state.UpdatedAt, state.UpdatedBy));
    }

    public async Task<string?> SetAsync(string defaultsJson, IReadOnlyList<string> lockedKeys, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lockedKeys);
        JsonNode? defaults;
        try
        {
            defaults = JsonNode.Parse(defaultsJson);
        }
        catch (JsonException)
        {
            return "'defaults' is not valid JSON.";
        }

        if (defaults is not JsonObject)
        {
            return "'defaults' must be a JSON object of preferences.";
        }

        var normalized = defaults.ToJsonString();
        if (Encoding.UTF8.GetByteCount(normalized) > PreferencesLimits.MaxUiBytes)
        {
            return $"'defaults' takes more than {PreferencesLimits.MaxUiBytes} bytes.";
        }

        if (lockedKeys.Count > PreferencesPolicyInfo.MaxLockedKeys)
        {
            return $"At most {PreferencesPolicyInfo.MaxLockedKeys} keys may be locked.";
        }

        if (lockedKeys.Select(PreferencesPolicy.ProblemOf).FirstOrDefault(problem => problem is not null) is { } problem)
        {
            return problem;
        }

        var now = timeProvider.GetUtcNow();
        await policy.ChangeAsync(
            state =>
            {
                state.DefaultsJson = normalized;
                state.LockedKeys = [.. lockedKeys.Distinct(StringComparer.Ordinal)];
                state.UpdatedAt = now;
                state.UpdatedBy = actorId;
            },
            state => new PreferencesPolicyState { DefaultsJson = state.DefaultsJson, LockedKeys = [.. state.LockedKeys], UpdatedAt = state.UpdatedAt, UpdatedBy = state.UpdatedBy },
            cancellationToken);
        return null;
    }
}
