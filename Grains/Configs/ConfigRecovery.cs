using Cluster.Grains.Interfaces.Audit;
using Cluster.Grains.Interfaces.Configs;
using Cluster.Grains.Persistence;

namespace Cluster.Grains.Configs;

/// <summary>
/// What a consumer's activation report does to a configuration: success makes the active version the last known good one
/// and ends recovery mode; failure rolls back to the last known good version and enters recovery mode.
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
                    next.LastKnownGood = report.Version;

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

        var fallback = state.LastKnownGood is { } good && good != report.Version && grain.Find(good) is not null ? good : null;
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
            },
            current => current.Copy(),
            cancellationToken);
        await AuditAsync(report.Version, fallback, cancellationToken);
        if (fallback is not null)
        {
            await grain.PushAsync(fallback, isRollback: true, reason, cancellationToken);
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
