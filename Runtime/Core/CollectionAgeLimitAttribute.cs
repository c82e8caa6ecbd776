namespace Cluster.Runtime.Core;

/// <summary>
/// Overrides, for one grain class, how long an activation may stay idle before the runtime deactivates it.
/// The silo option <c>Silo:CollectionAgeByType</c> overrides this in turn.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Days of the limit (added to the other parts).</summary>
    public double Days { get; init; }

    /// <summary>Hours of the limit (added to the other parts).</summary>
    public double Hours { get; init; }

    /// <summary>Minutes of the limit (added to the other parts).</summary>
    public double Minutes { get; init; }

    /// <summary>Whether activations of the class are never collected while the silo runs.</summary>
    public bool AlwaysActive { get; init; }

    /// <summary>The limit as a time span; <see cref="TimeSpan.MaxValue"/> when <see cref="AlwaysActive"/>.</summary>
    public TimeSpan Amount => AlwaysActive
        ? TimeSpan.MaxValue
        : TimeSpan.FromDays(Days) + TimeSpan.FromHours(Hours) + TimeSpan.FromMinutes(Minutes);
}
