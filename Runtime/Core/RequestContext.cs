namespace Cluster.Runtime.Core;

/// <summary>
/// Values that travel with grain calls, as in Orleans: what a caller sets here is seen by the grain it calls, by the
/// grains that grain calls, and so on, in this process and across the wire (a correlation id, a trace context).
/// The values belong to the logical flow of execution (an <see cref="AsyncLocal{T}"/>): a change made inside a grain
/// call is seen by that call and the calls it makes, never by its caller.
/// </summary>
/// <remarks>
/// Differences from Orleans: values are strings (they cross the wire as such, with no type information), at most
/// <see cref="MaxEntries"/> of them, keys of at most <see cref="MaxKeyLength"/> and values of at most
/// <see cref="MaxValueLength"/> characters, so a caller cannot make every call it causes large. Grain timer callbacks
/// start with an empty context.
/// </remarks>
public static class RequestContext
{
    /// <summary>The key of the id that ties the log lines of one request together, across every process it reaches.</summary>
    public const string CorrelationIdKey = "CorrelationId";

    /// <summary>The most values a context holds.</summary>
    public const int MaxEntries = 16;

    /// <summary>The longest key, in characters.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>The longest value, in characters.</summary>
    public const int MaxValueLength = 1024;

    private static readonly AsyncLocal<RequestContextData?> CurrentData = new();

    /// <summary>The value of <paramref name="key"/>, or null when it is not set.</summary>
    public static string? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return CurrentData.Value?.Find(key);
    }

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> for this flow and the calls it makes from now on.</summary>
    /// <exception cref="ArgumentException">The key is empty or too long, the value too long, or the context full.</exception>
    public static void Set(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"The request context key '{key[..16]}…' has {key.Length} characters; at most {MaxKeyLength} are allowed.", nameof(key));
        }

        if (value.Length > MaxValueLength)
        {
            throw new ArgumentException($"The request context value of '{key}' has {value.Length} characters; at most {MaxValueLength} are allowed.", nameof(value));
        }

        CurrentData.Value = RequestContextData.With(CurrentData.Value, key, value);
    }

    /// <summary>Removes <paramref name="key"/>; false when it was not set.</summary>
    public static bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (CurrentData.Value is not { } data || data.Find(key) is null)
        {
            return false;
        }

        CurrentData.Value = data.Without(key);
        return true;
    }

    /// <summary>Removes every value.</summary>
    public static void Clear() => CurrentData.Value = null;

    /// <summary>The values now set, as a snapshot.</summary>
    public static IReadOnlyDictionary<string, string> Entries => CurrentData.Value?.ToDictionary() ?? new Dictionary<string, string>();

    /// <summary>The current values, captured by the runtime when a call is sent; immutable, so no copy is made.</summary>
    internal static RequestContextData? Current => CurrentData.Value;

    /// <summary>
    /// Makes <paramref name="data"/> the context of the code that runs next on this thread (a call's turn), and
    /// returns the one to put back afterwards with <see cref="Restore"/>.
    /// </summary>
    internal static RequestContextData? Enter(RequestContextData? data)
    {
        var previous = CurrentData.Value;
        if (!ReferenceEquals(previous, data))
        {
            CurrentData.Value = data;
        }

        return previous;
    }

    /// <summary>Puts back the context <see cref="Enter"/> returned.</summary>
    internal static void Restore(RequestContextData? previous)
    {
        if (!ReferenceEquals(CurrentData.Value, previous))
        {
            CurrentData.Value = previous;
        }
    }
}
