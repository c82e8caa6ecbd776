using Cluster.Runtime.Storage.Internal;

namespace Cluster.Runtime.Membership;

/// <summary>The membership tables' names, the notification channel and the scripts creating them.</summary>
internal static class MembershipSchema
{
    /// <summary>The component name under which the tables' schema version is recorded.</summary>
    public const string Component = "membership";

    /// <summary>The table holding one version row per cluster.</summary>
    public const string VersionTable = "cluster_membership_version";

    /// <summary>The table holding one row per silo start.</summary>
    public const string MembershipTable = "cluster_membership";

    /// <summary>
    /// The NOTIFY channel every change is announced on, with payload <c>clusterId:version</c>. One channel for all
    /// clusters of a database, so a watcher needs one LISTEN whatever the cluster, and filters by payload.
    /// </summary>
    public const string Channel = "cluster_membership";

    /// <summary>The scripts creating and upgrading the tables in <paramref name="schema"/>; index i brings them from version i to i + 1.</summary>
    public static IReadOnlyList<string> Migrations(string schema)
    {
        var versionTable = Qualify(schema, VersionTable);
        var membershipTable = Qualify(schema, MembershipTable);
        return
        [
            $"""
            CREATE TABLE IF NOT EXISTS {versionTable} (
                cluster_id text PRIMARY KEY,
                version integer NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE IF NOT EXISTS {membershipTable} (
                cluster_id text NOT NULL REFERENCES {versionTable} (cluster_id),
                address text NOT NULL,
                port integer NOT NULL,
                generation bigint NOT NULL,
                silo_name text NOT NULL,
                host_name text NOT NULL,
                status smallint NOT NULL,
                start_time timestamptz NOT NULL,
                i_am_alive_time timestamptz NOT NULL,
                suspect_times jsonb NOT NULL DEFAULT '[]',
                row_version integer NOT NULL,
                PRIMARY KEY (cluster_id, address, port, generation)
            )
            """,
        ];
    }

    /// <summary>The quoted, schema-qualified name of <paramref name="table"/>.</summary>
    public static string Qualify(string schema, string table) => SqlIdentifier.Quote(schema) + "." + SqlIdentifier.Quote(table);
}
