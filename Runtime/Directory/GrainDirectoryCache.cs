using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Cluster.Runtime.Core;
using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Directory;

/// <summary>
/// A bounded, thread-safe, in-process cache of directory lookups, so that a silo or client asks
/// <see cref="IGrainDirectory"/> once per grain rather than once per call. Entries may go stale (the activation
/// deactivated, its silo died); callers learn it when a call fails or is forwarded, and then invalidate.
/// </summary>
/// <remarks>
/// Reads are lock-free and allocate nothing: a hit is one dictionary read and, the first time since the last sweep, one
/// flag write. Writes take one lock. When full, the cache evicts by the clock algorithm (second chance): a hand sweeps
/// the slots, sparing and clearing an entry read since the last sweep, and evicting the first one not read, so grains
/// in use stay while ones put once and never read again go first.
/// </remarks>
public sealed class GrainDirectoryCache
{
    /// <summary>The default of the capacity: 100,000 entries, a few tens of megabytes at most.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<GrainId, Entry> _entries;

    // The clock's slots; a null slot is free and listed in _freeSlots or at or above _slotsUsed.
    private readonly Entry?[] _slots;
    private readonly Stack<int> _freeSlots = new();
    private readonly Lock _lock = new();
    private int _slotsUsed;
    private int _hand;
    private int _count;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="capacity">The most entries it holds; at least 1. Default <see cref="DefaultCapacity"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
    public GrainDirectoryCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new Entry?[capacity];
        _entries = new ConcurrentDictionary<GrainId, Entry>(Environment.ProcessorCount, Math.Min(capacity, 1024));
    }

    /// <summary>The most entries the cache holds.</summary>
    public int Capacity { get; }

    /// <summary>The number of entries now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The cached address of <paramref name="grainId"/>, if any. Allocates nothing.</summary>
    /// <param name="grainId">The grain.</param>
    /// <param name="address">The cached address when found.</param>
    /// <returns>Whether the grain was cached.</returns>
    public bool TryGet(GrainId grainId, [NotNullWhen(true)] out GrainAddress? address)
    {
        if (_entries.TryGetValue(grainId, out var entry))
        {
            // Only written when clear, so hot entries read by many threads do not bounce their cache line between cores.
            if (!entry.Referenced)
            {
                entry.Referenced = true;
            }

            address = entry.Address;
            return true;
        }

        address = null;
        return false;
    }

    /// <summary>
    /// Caches <paramref name="address"/> as its grain's address, replacing any other; evicts an entry when the cache is
    /// full. Put what the directory returned, or the address a forwarding silo named.
    /// </summary>
    /// <param name="address">The address.</param>
    public void Put(GrainAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            if (_entries.TryGetValue(address.GrainId, out var existing))
            {
                existing.Address = address;
                return;
            }

            var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _slotsUsed < _slots.Length ? _slotsUsed++ : EvictOne();
            var entry = new Entry(address, slot);
            _slots[slot] = entry;
            _entries[address.GrainId] = entry;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    /// <summary>
    /// Forgets <paramref name="grainId"/> whatever its cached address. For when the caller knows the entry is wrong
    /// but not which address replaced it, such as a silo answering that it does not host the grain without naming
    /// the one that does: the next call then looks the grain up in the directory again.
    /// </summary>
    /// <param name="grainId">The grain.</param>
    /// <returns>Whether an entry was removed.</returns>
    public bool Invalidate(GrainId grainId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(grainId, out var entry))
            {
                return false;
            }

            Remove(entry);
            return true;
        }
    }

    /// <summary>
    /// Forgets <paramref name="address"/>'s grain only while the cached entry is that address. For when a call to that
    /// activation failed because it is gone: conditional, so a late failure of a call to the old activation does not
    /// throw away the newer address another thread has cached meanwhile (from a forward or a fresh lookup).
    /// </summary>
    /// <param name="address">The address found stale.</param>
    /// <returns>Whether an entry was removed.</returns>
    public bool Invalidate(GrainAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            if (!_entries.TryGetValue(address.GrainId, out var entry) || !entry.Address.Equals(address))
            {
                return false;
            }

            Remove(entry);
            return true;
        }
    }

    /// <summary>
    /// Forgets every entry on the given silo starts. For when membership declares silos Dead: their activations are
    /// gone and the directory purges their entries, so calls routed by this cache would otherwise wait for a dead
    /// endpoint one grain at a time. Scans the whole cache, which is fine for an event as rare as a silo's death.
    /// </summary>
    /// <param name="silos">The Dead silo starts; other generations of the same endpoints are kept.</param>
    /// <returns>The number of entries removed.</returns>
    public int InvalidateSilos(IEnumerable<SiloAddress> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        var dead = silos.ToHashSet();
        if (dead.Count == 0)
        {
            return 0;
        }

        var removed = 0;
        lock (_lock)
        {
            for (var slot = 0; slot < _slotsUsed; slot++)
            {
                if (_slots[slot] is { } entry && dead.Contains(entry.Address.SiloAddress))
                {
                    Remove(entry);
                    removed++;
                }
            }
        }

        return removed;
    }

    /// <summary>Evicts the entry under the clock's hand that was not read since the last sweep; returns its free slot.</summary>
    private int EvictOne()
    {
        // Every slot is in use when this runs, and each sweep clears the flags it passes, so this ends within two turns.
        while (true)
        {
            var slot = _hand;
            _hand = (_hand + 1) % _slots.Length;
            var entry = _slots[slot]!;
            if (entry.Referenced)
            {
                entry.Referenced = false;
                continue;
            }

            _entries.TryRemove(entry.Address.GrainId, out _);
            _slots[slot] = null;
            Volatile.Write(ref _count, _count - 1);
            return slot;
        }
    }

    private void Remove(Entry entry)
    {
        _entries.TryRemove(entry.Address.GrainId, out _);
        _slots[entry.Slot] = null;
        _freeSlots.Push(entry.Slot);
        Volatile.Write(ref _count, _count - 1);
    }

    /// <summary>A cached address and its clock flag. Its address changes only under the lock; readers see the old or the new one.</summary>
    private sealed class Entry(GrainAddress address, int slot)
    {
        private volatile GrainAddress _address = address;
        private volatile bool _referenced;

        public GrainAddress Address
        {
            get => _address;
            set => _address = value;
        }

        public int Slot { get; } = slot;

        public bool Referenced
        {
            get => _referenced;
            set => _referenced = value;
        }
    }
}
