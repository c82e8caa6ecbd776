namespace Cluster.Runtime.Membership;

/// <summary>
/// The SQL of <see cref="PostgresMembershipTable"/>, bound to one schema. Parameters $1 to $4 are always the cluster id
/// and, where a row is named, its address, port and generation.
/// </summary>
internal sealed class MembershipStatements
{
    private const string Columns = "address, port, generation, silo_name, host_name, status, start_time, i_am_alive_time, suspect_times, row_version";
    private const string RowKey = "cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4";
    private const short Dead = (short)SiloStatus.Dead;
    private const short Active = (short)SiloStatus.Active;

    public MembershipStatements(string schema)
    {
        var versions = MembershipSchema.Qualify(schema, MembershipSchema.VersionTable);
        var members = MembershipSchema.Qualify(schema, MembershipSchema.MembershipTable);
        VersionTable = versions;
        MembershipTable = members;

        EnsureVersionRow = $"INSERT INTO {versions} (cluster_id, version) VALUES ($1, 0) ON CONFLICT (cluster_id) DO NOTHING";

        // One statement, so the version and the rows come from one snapshot.
        var select = "SELECT v.version, " + string.Join(", ", Columns.Split(", ").Select(column => "m." + column));
        var join = $"FROM {versions} v LEFT JOIN {members} m ON m.cluster_id = v.cluster_id";
        const string Order = "ORDER BY m.address, m.port, m.generation";
        ReadAll = $"{select} {join} WHERE v.cluster_id = $1 {Order}";
        ReadRow = $"{select} {join} AND m.address = $2 AND m.port = $3 AND m.generation = $4 WHERE v.cluster_id = $1 {Order}";

        // Taking the version row's lock first in every change orders all writers of a cluster through it: the loser of a
        // race fails the compare, and no two changes can deadlock on rows taken in different orders.
        BumpVersion = $"UPDATE {versions} SET version = version + 1, updated_at = now() WHERE cluster_id = $1 RETURNING version";
        CompareAndBumpVersion = $"UPDATE {versions} SET version = version + 1, updated_at = now() WHERE cluster_id = $1 AND version = $2 RETURNING version";

        // A row is refused when any generation of its endpoint at least as high exists, so a silo that restarts with a
        // clock that went back cannot join under an old identity.
        InsertRow = $"INSERT INTO {members} (cluster_id, {Columns}) SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1 "
            + $"WHERE NOT EXISTS (SELECT 1 FROM {members} WHERE cluster_id = $1 AND address = $2 AND port = $3 AND generation >= $4) "
            + "ON CONFLICT DO NOTHING";

        // IAmAlive only moves forward: a writer holding an older read must not undo a heartbeat written since.
        UpdateRow = $"UPDATE {members} SET silo_name = $5, host_name = $6, status = $7, start_time = $8, "
            + "i_am_alive_time = GREATEST(i_am_alive_time, $9), suspect_times = $10, row_version = row_version + 1 "
            + $"WHERE {RowKey} AND row_version = $11 AND status <> {Dead}";
        UpdateIAmAlive = $"UPDATE {members} SET i_am_alive_time = GREATEST(i_am_alive_time, $5) WHERE {RowKey} AND status <> {Dead}";

        CleanupDefunct = $"DELETE FROM {members} WHERE cluster_id = $1 AND i_am_alive_time < $2 AND status <> {Active}";
        DeleteAll = $"DELETE FROM {members} WHERE cluster_id = $1";
        Notify = "SELECT pg_notify($1, $2)";
    }

    /// <summary>The quoted, qualified version table.</summary>
    public string VersionTable { get; }

    /// <summary>The quoted, qualified membership table.</summary>
    public string MembershipTable { get; }

    /// <summary>Creates the cluster's version row at version 0 when missing.</summary>
    public string EnsureVersionRow { get; }

    /// <summary>The version and every row; a single row of nulls but the version when the cluster has no silos.</summary>
    public string ReadAll { get; }

    /// <summary>The version and the named row, as <see cref="ReadAll"/>.</summary>
    public string ReadRow { get; }

    /// <summary>Bumps the version unconditionally, returning the new one.</summary>
    public string BumpVersion { get; }

    /// <summary>Bumps the version when it is still $2, returning the new one; no row otherwise.</summary>
    public string CompareAndBumpVersion { get; }

    /// <summary>Inserts row $2-$4 with fields $5-$10 at row version 1, unless it or a later generation of its endpoint exists.</summary>
    public string InsertRow { get; }

    /// <summary>Updates row $2-$4 with fields $5-$10 when its row version is $11 and it is not Dead.</summary>
    public string UpdateRow { get; }

    /// <summary>Moves row $2-$4's IAmAlive forward to $5 unless it is Dead.</summary>
    public string UpdateIAmAlive { get; }

    /// <summary>Deletes the cluster's rows that are not Active and were last alive before $2.</summary>
    public string CleanupDefunct { get; }

    /// <summary>Deletes every row of the cluster.</summary>
    public string DeleteAll { get; }

    /// <summary>Sends payload $2 on channel $1 when the transaction commits.</summary>
    public string Notify { get; }
}
