namespace Cluster.Runtime.Membership;

/// <summary>
/// The cluster's membership table: a row per silo start and a version that every change bumps. Changes of rows
/// succeed only against the version the writer read (and, for updates, the row's ETag), so concurrent writers
/// serialize through it and a writer that lost learns so by a <c>false</c> result, re-reads and decides again.
/// Modelled on Orleans's <c>IMembershipTable</c>.
/// </summary>
public interface IMembershipTable
{
    /// <summary>
    /// Creates or upgrades the table and creates the cluster's version row (version 0) when missing; idempotent and
    /// safe when several silos start at once. Other members initialize on first use when it was not called.
    /// </summary>
    /// <param name="cancellationToken">Cancels the initialization.</param>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads every row of the cluster and the table version, as of one moment.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Reads the row of <paramref name="address"/> (none when absent) and the table version, as of one moment.</summary>
    /// <param name="address">The silo's address, generation included.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<MembershipTableData> ReadRowAsync(SiloAddress address, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a row and bumps the version, atomically. Fails, changing nothing, when the table is no longer at the
    /// version <paramref name="newVersion"/>'s ETag names, when the row exists, or when the table holds a generation of
    /// the same endpoint at least as high (a restarted silo must join with a newer generation).
    /// </summary>
    /// <param name="entry">The row.</param>
    /// <param name="newVersion">The version read, advanced with <see cref="TableVersion.Next"/>.</param>
    /// <param name="cancellationToken">Cancels the change; the transaction then rolls back.</param>
    /// <returns>Whether the row was added.</returns>
    /// <exception cref="ArgumentException"><paramref name="newVersion"/> is not one step after its ETag.</exception>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion newVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a row's fields and bumps the version, atomically. Fails, changing nothing, when the table is no
    /// longer at the version <paramref name="newVersion"/>'s ETag names, when the row's ETag is no longer
    /// <paramref name="etag"/>, when the row is missing, or when the row is <see cref="SiloStatus.Dead"/>: a Dead row
    /// never changes again. The stored IAmAlive time never moves backwards.
    /// </summary>
    /// <param name="entry">The row's new fields; its address names the row.</param>
    /// <param name="etag">The row's ETag as read.</param>
    /// <param name="newVersion">The version read, advanced with <see cref="TableVersion.Next"/>.</param>
    /// <param name="cancellationToken">Cancels the change; the transaction then rolls back.</param>
    /// <returns>Whether the row was updated.</returns>
    /// <exception cref="ArgumentException"><paramref name="etag"/> or <paramref name="newVersion"/> was not issued by this table.</exception>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion newVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the silo is alive: sets only the row's IAmAlive time from <paramref name="entry"/>, moving it
    /// forward only. Bumps neither the table version nor the row's ETag, so heartbeats never make a concurrent
    /// status change or vote fail. A Dead row is left alone.
    /// </summary>
    /// <param name="entry">The silo's row; only its address and IAmAlive time are used.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>Whether the row exists and is not Dead: <c>false</c> tells a silo it has been declared dead or removed.</returns>
    Task<bool> UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the rows of silos that are gone for good: those not <see cref="SiloStatus.Active"/> whose IAmAlive time
    /// is before <paramref name="beforeDate"/>. Active rows stay until the failure detector declares them Dead, and
    /// recent Dead rows stay so that the silo they name can still read that it was declared dead. Bumps the version
    /// when it deleted anything; the version row itself is never deleted.
    /// </summary>
    /// <param name="beforeDate">Rows last alive before this instant are defunct.</param>
    /// <param name="cancellationToken">Cancels the cleanup.</param>
    /// <returns>How many rows were deleted.</returns>
    Task<int> CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every row of the cluster, for tests and tools. The version row stays and is bumped when rows were
    /// deleted, so versions never go backwards for anyone watching them.
    /// </summary>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    Task DeleteMembershipTableEntriesAsync(CancellationToken cancellationToken);
}
