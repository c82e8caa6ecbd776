using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Observers;

/// <summary>
/// The observer objects of this process that grains can call. Objects are held weakly, as in Orleans, so an
/// observer the application dropped does not leak; calls to it fail with <see cref="ObserverNotAvailableException"/>.
/// </summary>
internal sealed class ObserverRegistry(string processId, Action<Request, Exception> onOneWayDropped)
{
    /// <summary>The grain type name of observer references; '$' cannot start a grain class's name.</summary>
    public const string ObserverGrainType = "$observer";

    private readonly ConcurrentDictionary<string, LocalObjectData> _objects = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<IGrainObserver, string> _keys = [];

    public int Count => _objects.Count;

    /// <summary>Separates the owning process from the object's own id in an observer key.</summary>
    public const char OwnerSeparator = '.';

    public static bool IsObserver(GrainId grainId) => string.Equals(grainId.Type, ObserverGrainType, StringComparison.Ordinal);

    /// <summary>The process that holds the observer object: the key's prefix.</summary>
    public static string OwnerOf(GrainId observerId)
    {
        var separator = observerId.Key.IndexOf(OwnerSeparator, StringComparison.Ordinal);
        return separator < 0 ? string.Empty : observerId.Key[..separator];
    }

    public bool IsLocal(GrainId observerId) => string.Equals(OwnerOf(observerId), processId, StringComparison.Ordinal);

    public GrainId Register(IGrainObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (observer is Grain)
        {
            throw new ArgumentException(
                "A grain cannot be its own observer object: its calls would run outside its turns. Pass this.AsReference<TObserver>() instead.",
                nameof(observer));
        }

        if (observer is GrainReference)
        {
            throw new ArgumentException("The object is already a reference; pass the observer object itself to CreateObjectReference.", nameof(observer));
        }

        var key = _keys.GetValue(observer, _ => $"{processId}{OwnerSeparator}{Guid.NewGuid():N}");
        _objects.GetOrAdd(key, static (_, state) => new LocalObjectData(state.observer, state.onOneWayDropped), (observer, onOneWayDropped));
        return new GrainId(ObserverGrainType, key);
    }

    public void Unregister(IGrainObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (_keys.TryGetValue(observer, out var key))
        {
            _keys.Remove(observer);
            _objects.TryRemove(key, out _);
        }
    }

    public void Dispatch(GrainId grainId, Request request)
    {
        if (_objects.TryGetValue(grainId.Key, out var data) && data.IsAlive)
        {
            data.Enqueue(request);
            return;
        }

        _objects.TryRemove(grainId.Key, out _);
        var exception = new ObserverNotAvailableException(
            $"Observer {grainId} no longer exists: it was deleted or garbage-collected. Keep a reference to observer objects for as long as they subscribe.");
        if (!request.TryFail(exception) && request.IsOneWay)
        {
            onOneWayDropped(request, exception);
        }
    }

    /// <summary>Forgets observers whose objects were collected.</summary>
    public void RemoveCollected()
    {
        foreach (var (key, data) in _objects)
        {
            if (!data.IsAlive)
            {
                _objects.TryRemove(key, out _);
            }
        }
    }
}
