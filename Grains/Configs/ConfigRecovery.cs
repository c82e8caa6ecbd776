using Cluster.Grains.Interfaces.Audit;
using Cluster.Grains.Interfaces.Configs;
using Cluster.Grains.Persistence;

namespace Cluster.Grains.Configs;

/// <summary>
/// What a consumer's activation report does to a configuration: success makes the active version the last known good one
/// (keeping the one before it as the rollback target) and ends recovery mode; failure rolls back to the good version
/// before the failed one and enters recovery mode. With many consumers, one may report success before another reports
/// failure: the failure still rolls back, to the version good before the failed one.
/// </summary>
internal sealed class ConfigRecovery(ConfigGrain grain)
{
    public async Task<ConfigChangeResult> ReportAsync(ConfigActivationReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var state = grain.Persisted.State;
        if (grain.Find(report.Version) is null)
        {
            return ConfigChangeResult.Failed(ConfigChangeOutcome.NotFound, $"'{grain.NameOf()}' has no version {report.Version}.");
        }

        // A late report about a version since replaced must not undo what happened after it.
        if (report.Version != state.Active)
        {
            return ConfigChangeResult.Failed(
                ConfigChangeOutcome.Conflict, $"Version {report.Version} is no longer active ({state.Active ?? "none"} is); the report was not applied.");
        }

        var received = report with { Error = Truncate(report.Error), ReportedAt = grain.Clock.GetUtcNow() };
        if (report.Succeeded)
        {
            await grain.Persisted.ChangeAsync(
                next =>
                {
                    next.LastReport = received;
                    if (next.LastKnownGood != report.Version)
                    {
                        next.PreviousGood = next.LastKnownGood;
                        next.LastKnownGood = report.Version;
                    }

                    // The version rolled back to working is expected; recovery ends with a version someone chose.
                    if (!next.RolledBack)
                    {
                        next.RecoveryMode = false;
                        next.RecoveryReason = null;
                    }
                },
                current => current.Copy(),
                cancellationToken);
            return new ConfigChangeResult(ConfigChangeOutcome.Done, null, [], report.Version, null, string.Empty);
        }

        var fallback = new[] { state.LastKnownGood, state.PreviousGood }
            .FirstOrDefault(good => good is not null && good != report.Version && grain.Find(good) is not null);
        var failure = $"Version {report.Version} failed to activate on {report.Reporter}: {received.Error ?? "no reason given"}";
        var reason = fallback is null
            ? $"{failure}; there is no other last known good version to roll back to."
            : $"{failure}; rolled back to {fallback}.";
        await grain.Persisted.ChangeAsync(
            next =>
            {
                next.LastReport = received;
                next.RecoveryMode = true;
                next.RecoveryReason = reason;
                next.Active = fallback ?? next.Active;
                next.RolledBack |= fallback is not null;

                // A version that failed somewhere is not known good, whatever another consumer said of it.
                if (next.LastKnownGood == report.Version)
                {
                    next.LastKnownGood = fallback;
                    next.PreviousGood = null;
                }
                else if (next.PreviousGood == report.Version)
                {
                    next.PreviousGood = null;
                }
            },
            current => current.Copy(),
            cancellationToken);

        // Once the rollback is written, its audit entry and push must not be abandoned half way by the caller.
        await AuditAsync(report.Version, fallback, CancellationToken.None);
        if (fallback is not null)
        {
            await grain.PushAsync(fallback, isRollback: true, reason, CancellationToken.None);
        }

        return new ConfigChangeResult(ConfigChangeOutcome.Done, null, [], fallback ?? report.Version, report.Version, string.Empty);
    }

    // A rollback is a change nobody requested over HTTP, so the audit trail would not otherwise show it.
    private async Task AuditAsync(string failed, string? fallback, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(
            Guid.CreateVersion7().ToString("N"),
            grain.Clock.GetUtcNow(),
            ConfigGrain.SystemActor,
            fallback is null ? "config recovery mode" : "config rollback",
            $"name={grain.NameOf()}, failed={failed}, active={fallback ?? failed}",
            200,
            null,
            string.Empty);
        try
        {
            await grain.Factory.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).AppendAsync([entry], cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The rollback stands either way; the log says it happened.
            grain.LogAuditFailed(exception);
        }
    }

    private static string? Truncate(string? error) =>
        error is { Length: > ConfigActivationReport.MaxErrorLength } ? error[..ConfigActivationReport.MaxErrorLength] : error;
}
