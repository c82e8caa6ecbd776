using Cluster.Runtime.Client;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Reminders;

/// <summary>
/// Where reminders are kept and who serves them. A grain's reminders are one stored state, under a record grain id
/// of their own, tagged with one of <see cref="Count"/> partitions by a hash of the grain id. Each partition is
/// served by one activation of <see cref="ReminderPartitionGrain"/>: the directory's single-activation guarantee
/// is what makes one silo, and only one, deliver a partition's ticks.
/// </summary>
internal static class ReminderPartitions
{
    /// <summary>The number of partitions. Changing it moves reminders between partitions: a cluster must agree on it.</summary>
    public const int Count = 64;

    /// <summary>The grain type of the stored records.</summary>
    public const string RecordGrainType = "cluster-reminders";

    /// <summary>The state name of the stored records.</summary>
    public const string StateName = "reminders";

    /// <summary>The stored property holding the partition, listed through <see cref="IGrainStateQuery"/>.</summary>
    public const string PartitionProperty = "partition";

    /// <summary>The grain type name of the partition grains.</summary>
    public const string GrainType = "cluster-reminder-partition";

    /// <summary>The partition of <paramref name="grainId"/>'s reminders: two digits, so a prefix match is an exact one.</summary>
    public static string Of(GrainId grainId) => Name((int)(StableHash.Of(grainId.Type, grainId.Key, StateName, 0) % Count));

    /// <summary>The two-digit name of partition <paramref name="index"/>.</summary>
    public static string Name(int index) => index.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The id under which <paramref name="grainId"/>'s reminders are stored.</summary>
    public static GrainId RecordOf(GrainId grainId) => new(RecordGrainType, grainId.ToString());

    /// <summary>The query for one page of a partition's records.</summary>
    public static StateListQuery Page(string partition, StateListPosition? after, int limit) =>
        new(RecordGrainType, StateName, PartitionProperty, partition, after, limit);
}
