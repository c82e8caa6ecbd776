namespace Cluster.Runtime.Core;

/// <summary>
/// An immutable set of request context values: every change makes a new one, so a captured context is never changed
/// by the code that captured it, and calls carry a reference rather than a copy.
/// </summary>
internal sealed class RequestContextData
{
    private readonly KeyValuePair<string, string>[] _entries;

    private RequestContextData(KeyValuePair<string, string>[] entries) => _entries = entries;

    /// <summary>The values, in the order they were first set.</summary>
    public ReadOnlySpan<KeyValuePair<string, string>> Entries => _entries;

    /// <summary>A context of the values read from the wire, or null when there are none.</summary>
    public static RequestContextData? FromEntries(KeyValuePair<string, string>[] entries) => entries.Length == 0 ? null : new(entries);

    public static RequestContextData With(RequestContextData? data, string key, string value)
    {
        var entries = data?._entries ?? [];
        var index = Array.FindIndex(entries, entry => entry.Key == key);
        if (index < 0 && entries.Length >= RequestContext.MaxEntries)
        {
            throw new ArgumentException($"The request context already holds {RequestContext.MaxEntries} values; remove one before setting '{key}'.", nameof(key));
        }

        var copy = new KeyValuePair<string, string>[index < 0 ? entries.Length + 1 : entries.Length];
        entries.CopyTo(copy, 0);
        copy[index < 0 ? entries.Length : index] = new KeyValuePair<string, string>(key, value);
        return new RequestContextData(copy);
    }

    public string? Find(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    public RequestContextData? Without(string key) => FromEntries(Array.FindAll(_entries, entry => entry.Key != key));

    public Dictionary<string, string> ToDictionary() => new(_entries, StringComparer.Ordinal);
}
