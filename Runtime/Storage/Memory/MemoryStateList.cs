using System.Text.Json;
using Cluster.Runtime.Storage.Internal;

namespace Cluster.Runtime.Storage.Memory;

/// <summary>
/// <see cref="IGrainStateQuery"/> over the memory table, with the SQL providers' semantics: a state is listed by its
/// lower-cased property when that is present and not null, in ordinal order (the SQL providers' byte order), then by
/// grain key. A scan of every row: a test store.
/// </summary>
internal static class MemoryStateList
{
    public static IReadOnlyList<StoredGrainState> List(IEnumerable<KeyValuePair<StateRowKey, StoredRow>> rows, StateListQuery query)
    {
        query.Validate();
        var prefix = query.Prefix.ToLowerInvariant();
        var after = query.After is { } position && string.CompareOrdinal(position.Value, prefix) >= 0
            ? (position.Value, position.GrainKey)
            : (Value: prefix, GrainKey: string.Empty);
        return [.. Matching(rows, query, prefix)
            .Where(state => Compare((state.Position.Value, state.GrainKey), after) > 0)
            .Order(Comparer<StoredGrainState>.Create((left, right) => Compare((left.Position.Value, left.GrainKey), (right.Position.Value, right.GrainKey))))
            .Skip(query.Offset)
            .Take(query.Limit)];
    }

    public static long Count(IEnumerable<KeyValuePair<StateRowKey, StoredRow>> rows, StateListQuery query)
    {
        query.Validate();
        return Matching(rows, query, query.Prefix.ToLowerInvariant()).Count();
    }

    private static IEnumerable<StoredGrainState> Matching(IEnumerable<KeyValuePair<StateRowKey, StoredRow>> rows, StateListQuery query, string prefix)
    {
        var before = query.Before?.ToLowerInvariant();
        foreach (var (key, row) in rows)
        {
            if (key.GrainType != query.GrainType || key.StateName != query.StateName || row.Payload is not { } payload
                || ValueOf(payload, query.Property) is not { } value
                || !value.StartsWith(prefix, StringComparison.Ordinal)
                || (before is not null && string.CompareOrdinal(value, before) >= 0))
            {
                continue;
            }

            yield return new StoredGrainState(key.GrainKey, new StateListPosition(value, key.GrainKey), payload);
        }
    }

    // As PostgreSQL's payload->>'property': a string's text, another value's JSON, nothing for null or absent.
    private static string? ValueOf(string payload, string property)
    {
        using var document = JsonDocument.Parse(payload);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(property, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString()!.ToLowerInvariant(),
            _ => value.GetRawText().ToLowerInvariant(),
        };
    }

    private static int Compare((string Value, string GrainKey) left, (string Value, string GrainKey) right)
    {
        var byValue = string.CompareOrdinal(left.Value, right.Value);
        return byValue != 0 ? byValue : string.CompareOrdinal(left.GrainKey, right.GrainKey);
    }
}
