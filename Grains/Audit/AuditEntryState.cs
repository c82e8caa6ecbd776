using System.Globalization;
using Cluster.Grains.Interfaces.Audit;

namespace Cluster.Grains.Audit;

/// <summary>The stored form of an audit entry, with the sort keys its searches run on.</summary>
public sealed class AuditEntryState
{
    public DateTimeOffset Time { get; set; }

    public string? ActorId { get; set; }

    public string Action { get; set; } = string.Empty;

    public string? Target { get; set; }

    public int Outcome { get; set; }

    public string? ClientAddress { get; set; }

    public string CorrelationId { get; set; } = string.Empty;

    /// <summary>The time, sortable as text.</summary>
    public string ByTime { get; set; } = string.Empty;

    /// <summary><c>actor|time</c>: one actor's entries in time order.</summary>
    public string ByActor { get; set; } = string.Empty;

    /// <summary><c>action|time</c>: one action's entries in time order.</summary>
    public string ByAction { get; set; } = string.Empty;

    /// <summary>The sortable text of <paramref name="time"/> (UTC, fixed width), the time part of every sort key.</summary>
    public static string SortableTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static AuditEntryState From(AuditEntry entry)
    {
        var time = SortableTime(entry.Time);
        return new AuditEntryState
        {
            Time = entry.Time,
            ActorId = entry.ActorId,
            Action = entry.Action,
            Target = entry.Target,
            Outcome = entry.Outcome,
            ClientAddress = entry.ClientAddress,
            CorrelationId = entry.CorrelationId,
            ByTime = time,
            ByActor = $"{entry.ActorId}|{time}",
            ByAction = $"{entry.Action}|{time}",
        };
    }

    public AuditEntry ToEntry(string id) => new(id, Time, ActorId, Action, Target, Outcome, ClientAddress, CorrelationId);
}
