using System.Diagnostics;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Activation;

/// <summary>
/// The runtime's <see cref="IPersistentState{TState}"/>: binds a named state of one activation to a storage
/// provider. A write that meets a stale ETag deactivates the activation even if the grain catches the
/// exception, because its in-memory state can no longer be trusted.
/// </summary>
internal sealed class PersistentState<TState>(
    ActivationData activation,
    IGrainStorage storage,
    string stateName,
    string storageName,
    Func<TState> createDefault) : IPersistentState<TState>, IActivationState
{
    private readonly GrainState<TState> _state = new(createDefault());

    public TState State
    {
        get => _state.State;
        set => _state.State = value;
    }

    public string? Etag => _state.ETag;

    public bool RecordExists => _state.RecordExists;

    public string StorageName => storageName;

    private GrainId GrainId => activation.GrainId;

    public Task LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var fresh = new GrainState<TState>(createDefault());
        using var span = RuntimeTracing.StartStorage("storage read", storageName, stateName);
        var startedAt = StartTiming();
        try
        {
            await storage.ReadStateAsync(stateName, GrainId, fresh, cancellationToken);
        }
        catch (Exception exception) when (FailTiming(startedAt, "read", exception, span))
        {
        }

        EndTiming(startedAt, "read", null);
        _state.State = fresh.State;
        _state.ETag = fresh.ETag;
        _state.RecordExists = fresh.RecordExists;
    }

    public async Task<GrainStateSnapshot> ReadStoredAsync(CancellationToken cancellationToken)
    {
        var stored = new GrainState<TState>(createDefault());
        await storage.ReadStateAsync(stateName, GrainId, stored, cancellationToken);
        return GrainStateJson.Describe(stateName, storageName, stored.State, stored.ETag, stored.RecordExists);
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        activation.BeginStateWrite();
        using var span = RuntimeTracing.StartStorage("storage write", storageName, stateName);
        var startedAt = StartTiming();
        try
        {
            await storage.WriteStateAsync(stateName, GrainId, _state, cancellationToken);
            EndTiming(startedAt, "write", null);
        }
        catch (Exception exception) when (FailTiming(startedAt, "write", exception, span))
        {
        }
        catch (InconsistentStateException)
        {
            activation.RequestDeactivation(DeactivationReason.IncompatibleState);
            throw;
        }
        finally
        {
            activation.EndStateWrite();
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        activation.BeginStateWrite();
        using var span = RuntimeTracing.StartStorage("storage clear", storageName, stateName);
        var startedAt = StartTiming();
        try
        {
            await storage.ClearStateAsync(stateName, GrainId, _state, cancellationToken);
            EndTiming(startedAt, "clear", null);
        }
        catch (Exception exception) when (FailTiming(startedAt, "clear", exception, span))
        {
        }
        catch (InconsistentStateException)
        {
            activation.RequestDeactivation(DeactivationReason.IncompatibleState);
            throw;
        }
        finally
        {
            activation.EndStateWrite();
        }

        _state.State = createDefault();
    }

    // Zero when the instrument is off: nothing is measured then.
    private long StartTiming() => activation.Runtime.Metrics.StorageOperationDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    private void EndTiming(long startedAt, string operation, Exception? exception)
    {
        if (startedAt != 0)
        {
            activation.Runtime.Metrics.RecordStorage(storageName, operation, startedAt, exception);
        }
    }

    // An exception filter that records and never catches, so the failure keeps its stack.
    private bool FailTiming(long startedAt, string operation, Exception exception, Activity? span)
    {
        span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        EndTiming(startedAt, operation, exception);
        return false;
    }
}
