namespace Cluster.Runtime.Core;

/// <summary>
/// The identity of a grain: its type name (pinned, because it keys persisted state) and its key.
/// Guid keys are stored in the 32-digit "N" form and integer keys in invariant decimal form, so a key
/// round-trips through <see cref="GrainExtensions"/>.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    /// <summary>Creates an identity from a grain type name and a key.</summary>
    /// <exception cref="ArgumentException">The type name is empty or contains '/'.</exception>
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        if (type.Contains('/'))
        {
            throw new ArgumentException($"Grain type name '{type}' contains '/'; use letters, digits, '.', '-' or '_'.", nameof(type));
        }

        Type = type;
        Key = key;
    }

    /// <summary>The grain type name, such as <c>user</c>.</summary>
    public string Type { get; }

    /// <summary>The key within the grain type.</summary>
    public string Key { get; }

    /// <summary>Whether this is the default (empty) identity.</summary>
    public bool IsDefault => Type is null;

    /// <summary>Parses the <c>type/key</c> form produced by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text has no '/' separating a non-empty type from the key.</exception>
    public static GrainId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{text}' is not a grain id; expected 'type/key', such as 'user/42'.");
        }

        return new GrainId(text[..slash], text[(slash + 1)..]);
    }

    /// <inheritdoc />
    public bool Equals(GrainId other) => string.Equals(Type, other.Type, StringComparison.Ordinal) && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Type ?? string.Empty), StringComparer.Ordinal.GetHashCode(Key ?? string.Empty));

    /// <summary>The <c>type/key</c> form.</summary>
    public override string ToString() => $"{Type}/{Key}";

    /// <summary>Equality by type and key.</summary>
    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    /// <summary>Inequality by type and key.</summary>
    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
