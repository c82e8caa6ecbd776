using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Interfaces.Plugins;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Timers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Plugins;

/// <summary>
/// A registered feature service. Its activation polls the service on a timer (kept alive by it), so the service is
/// watched from whichever silo hosts the grain; <see cref="ServiceKeeper"/> on every silo re-activates it after that
/// silo is gone. Each check is recorded in the <see cref="IServiceRegistryGrain"/>.
/// </summary>
[GrainType("service")]
public sealed partial class ServiceGrain(
    [PersistentState(ServiceGrain.StateName)] IPersistentState<ServiceState> service,
    PluginServiceClient client,
    IOptions<PluginOptions> options,
    TimeProvider timeProvider,
    ILogger<ServiceGrain> logger) : Grain, IServiceGrain
{
    public const string StateName = "service";

    private IGrainTimer? _timer;
    private bool _adminGroupExists;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (service.RecordExists && service.State.BaseUrl is not null)
        {
            StartPolling(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<ServiceInfo> RegisterAsync(Uri baseUrl, ServiceSource source, CancellationToken cancellationToken = default)
    {
        if (!ServiceIds.IsValid(Id))
        {
            throw new ArgumentException($"'{Id}' is not a valid service id; use {ServiceIds.Rule}.");
        }

        if (!ServiceUrls.TryNormalize(baseUrl?.OriginalString, out var normalized))
        {
            throw new ArgumentException("The base URL must be an absolute http or https URL with no query, fragment or user info.", nameof(baseUrl));
        }

        var state = service.State;
        var isNew = !service.RecordExists || state.BaseUrl is null;

        // A silo starting with the service in its configuration does not undo what an administrator registered.
        var keepAdmins = !isNew && state.Source == ServiceSource.Admin && source == ServiceSource.Configuration;
        if (!keepAdmins && (isNew || state.BaseUrl != normalized || state.Source != source))
        {
            var moved = state.BaseUrl != normalized;
            var registeredAt = isNew ? timeProvider.GetUtcNow() : state.RegisteredAt;
            await ChangeAsync(
                changed =>
                {
                    changed.RegisteredAt = registeredAt;
                    changed.Health = moved ? ServiceHealthInfo.Unknown : changed.Health;
                    changed.BaseUrl = normalized;
                    changed.Source = source;
                },
                cancellationToken);
            LogRegistered(logger, Id, normalized);
        }

        // Polling starts before the first check, so a registration whose check fails is still watched.
        StartPolling(options.Value.HealthCheckInterval);
        await EnsureAdminGroupAsync(cancellationToken);
        await CheckAsync(cancellationToken);
        return Snapshot()!;
    }

    public Task<ServiceInfo?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Snapshot());

    public async Task<ServiceInfo?> CheckNowAsync(CancellationToken cancellationToken = default)
    {
        if (service.State.BaseUrl is null)
        {
            return null;
        }

        await CheckAsync(cancellationToken);
        return Snapshot();
    }

    public async Task<bool> UnregisterAsync(CancellationToken cancellationToken = default)
    {
        var registry = GrainFactory.GetGrain<IServiceRegistryGrain>(IServiceRegistryGrain.Key);
        if (!service.RecordExists || service.State.BaseUrl is null)
        {
            // An earlier unregistration may have cleared the state and then failed to reach the registry.
            await registry.RecordAsync(Id, null, cancellationToken);
            return false;
        }

        _timer?.Dispose();
        _timer = null;
        await service.ClearStateAsync(cancellationToken);
        service.State = new ServiceState();
        await registry.RecordAsync(Id, null, cancellationToken);
        LogUnregistered(logger, Id);
        DeactivateOnIdle();
        return true;
    }

    public async Task EnsurePollingAsync(CancellationToken cancellationToken = default)
    {
        if (service.State.BaseUrl is null)
        {
            // Listed in the registry but not registered: an unregistration that did not reach the registry.
            await GrainFactory.GetGrain<IServiceRegistryGrain>(IServiceRegistryGrain.Key).RecordAsync(Id, null, cancellationToken);
            DeactivateOnIdle();
        }
    }

    private void StartPolling(TimeSpan dueTime)
    {
        _timer?.Dispose();
        _timer = RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(dueTime, options.Value.HealthCheckInterval) { KeepAlive = true });
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureAdminGroupAsync(cancellationToken);
            await CheckAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The next tick tries again; a storage or registry outage must not end the polling.
            LogCheckFailed(logger, exception, Id);
        }
    }

    private async Task EnsureAdminGroupAsync(CancellationToken cancellationToken)
    {
        if (_adminGroupExists)
        {
            return;
        }

        var name = ServiceIds.AdminGroup(Id);
        var nameGrain = GrainFactory.GetGrain<IGroupNameGrain>(GroupName.Normalize(name));

        // Null means the name is held already: by this service's group made earlier, or one an administrator made by hand.
        var created = await nameGrain.CreateGroupAsync(Guid.CreateVersion7().ToString(), name, $"Administrators of the {Id} service", cancellationToken);
        if (created is not null)
        {
            LogAdminGroupCreated(logger, Id, created.Id);
        }

        _adminGroupExists = true;
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var before = service.State.Copy();
        var state = service.State;
        var baseUrl = state.BaseUrl!;
        var probe = await client.ProbeAsync(baseUrl, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var status = probe.Healthy ? ServiceHealthStatus.Healthy : ServiceHealthStatus.Unhealthy;
        var statusChanged = status != state.Health.Status;
        state.Health = new ServiceHealthInfo(status, probe.LatencyMs, now, statusChanged ? now : state.Health.ChangedAt, probe.Error);
        var manifestChanged = probe.Healthy && await RefreshManifestAsync(baseUrl, now, cancellationToken);
        if (statusChanged || manifestChanged)
        {
            try
            {
                await service.WriteStateAsync(cancellationToken);
            }
            catch
            {
                // Memory must not run ahead of storage: the next check finds the same changes and writes them then.
                service.State = before;
                throw;
            }

            if (statusChanged)
            {
                LogHealthChanged(logger, Id, before.Health.Status, status, probe.Error);
            }
        }

        await GrainFactory.GetGrain<IServiceRegistryGrain>(IServiceRegistryGrain.Key).RecordAsync(Id, Snapshot(), cancellationToken);
    }

    private async Task ChangeAsync(Action<ServiceState> change, CancellationToken cancellationToken) =>
        await service.ChangeAsync(change, state => state.Copy(), cancellationToken);

    // Whether anything persisted about the manifest changed.
    private async Task<bool> RefreshManifestAsync(Uri baseUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = service.State;
        var change = await ManifestUpdate.ApplyAsync(state, Id, await client.GetManifestAsync(baseUrl, cancellationToken), now);
        if (change.Refused is { } error)
        {
            LogManifestRefused(logger, Id, error);
        }

        if (change.NewRevision)
        {
            LogManifestChanged(logger, Id, state.ManifestRevision, state.Manifest?.Version);
        }

        return change.Changed;
    }

    private ServiceInfo? Snapshot()
    {
        var state = service.State;
        return state.BaseUrl is null
            ? null
            : new ServiceInfo(Id, state.BaseUrl, state.Source, state.RegisteredAt, state.Health, state.Manifest, state.ManifestRevision, state.ManifestChangedAt, state.ManifestError);
    }
}
