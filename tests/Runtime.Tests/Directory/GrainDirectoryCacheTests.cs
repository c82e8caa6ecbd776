using Cluster.Runtime.Core;
using Cluster.Runtime.Directory;
using static Cluster.Runtime.Tests.Directory.DirectoryTestData;

namespace Cluster.Runtime.Tests.Directory;

public sealed class GrainDirectoryCacheTests
{
    [Fact]
    public void TryGet_AfterPut_HitsAndUnknownGrainMisses()
    {
        var cache = new GrainDirectoryCache();
        var address = NewAddress(NewGrain());

        cache.Put(address);

        Assert.True(cache.TryGet(address.GrainId, out var found));
        Assert.Same(address, found);
        Assert.False(cache.TryGet(NewGrain(), out var missing));
        Assert.Null(missing);
        Assert.Equal(GrainDirectoryCache.DefaultCapacity, cache.Capacity);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Put_SameGrainAgain_ReplacesTheAddress()
    {
        var cache = new GrainDirectoryCache(4);
        var grain = NewGrain();
        var newer = NewAddress(grain);

        cache.Put(NewAddress(grain));
        cache.Put(newer);

        Assert.True(cache.TryGet(grain, out var found));
        Assert.Same(newer, found);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void TryGet_Hit_AllocatesNothing()
    {
        var cache = new GrainDirectoryCache(16);
        var address = NewAddress(NewGrain());
        cache.Put(address);
        for (var i = 0; i < 1000; i++)
        {
            cache.TryGet(address.GrainId, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            cache.TryGet(address.GrainId, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Put_AtCapacity_EvictsAnEntryNotReadSinceTheLastSweep()
    {
        var cache = new GrainDirectoryCache(3);
        var addresses = Enumerable.Range(0, 3).Select(_ => NewAddress(NewGrain())).ToArray();
        foreach (var address in addresses)
        {
            cache.Put(address);
        }

        Assert.True(cache.TryGet(addresses[0].GrainId, out _));
        var fourth = NewAddress(NewGrain());
        cache.Put(fourth);

        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet(addresses[0].GrainId, out _));
        Assert.False(cache.TryGet(addresses[1].GrainId, out _));
        Assert.True(cache.TryGet(addresses[2].GrainId, out _));
        Assert.True(cache.TryGet(fourth.GrainId, out _));
    }

    [Fact]
    public void Put_ManyMoreThanCapacity_NeverHoldsMoreThanCapacity()
    {
        var cache = new GrainDirectoryCache(100);
        var addresses = Enumerable.Range(0, 1000).Select(_ => NewAddress(NewGrain())).ToArray();

        foreach (var address in addresses)
        {
            cache.Put(address);
            Assert.True(cache.Count <= 100);
        }

        Assert.Equal(100, cache.Count);
        Assert.True(cache.TryGet(addresses[^1].GrainId, out _));
        Assert.Equal(100, addresses.Count(address => cache.TryGet(address.GrainId, out _)));
    }

    [Fact]
    public void InvalidateGrainId_Cached_RemovesItAndFreesItsSlot()
    {
        var cache = new GrainDirectoryCache(2);
        var kept = NewAddress(NewGrain());
        var dropped = NewAddress(NewGrain());
        cache.Put(kept);
        cache.Put(dropped);

        Assert.True(cache.Invalidate(dropped.GrainId));
        Assert.False(cache.Invalidate(dropped.GrainId));
        var next = NewAddress(NewGrain());
        cache.Put(next);

        Assert.False(cache.TryGet(dropped.GrainId, out _));
        Assert.True(cache.TryGet(kept.GrainId, out _));
        Assert.True(cache.TryGet(next.GrainId, out _));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void InvalidateAddress_OnlyWhenTheCachedEntryIsThatAddress_RemovesIt()
    {
        var cache = new GrainDirectoryCache(4);
        var grain = NewGrain();
        var old = NewAddress(grain);
        var newer = NewAddress(grain);
        cache.Put(newer);

        Assert.False(cache.Invalidate(old));
        Assert.True(cache.TryGet(grain, out var found));
        Assert.Same(newer, found);

        var readBack = new GrainAddress(newer.GrainId, newer.SiloAddress, newer.ActivationId, newer.RegisteredAt);
        Assert.True(cache.Invalidate(readBack));
        Assert.False(cache.TryGet(grain, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void InvalidateSilos_DeadSilos_RemovesAllAndOnlyTheirEntries()
    {
        var cache = new GrainDirectoryCache(1000);
        var silos = new[] { NewSilo(), NewSilo(), NewSilo() };
        var restarted = new Runtime.Membership.SiloAddress(silos[1].Host, silos[1].Port, silos[1].Generation + 1);
        var addresses = Enumerable.Range(0, 300).Select(i => NewAddress(NewGrain(), silos[i % 3])).Append(NewAddress(NewGrain(), restarted)).ToArray();
        foreach (var address in addresses)
        {
            cache.Put(address);
        }

        Assert.Equal(200, cache.InvalidateSilos([silos[0], silos[1]]));
        Assert.Equal(0, cache.InvalidateSilos([]));

        Assert.Equal(101, cache.Count);
        Assert.All(addresses, address => Assert.Equal(
            address.SiloAddress == silos[2] || address.SiloAddress == restarted,
            cache.TryGet(address.GrainId, out _)));
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GrainDirectoryCache(0));
    }

    [Fact]
    public async Task Operations_FromFourThreadsAtOnce_KeepTheCacheConsistent()
    {
        const int Capacity = 500;
        var cache = new GrainDirectoryCache(Capacity);
        var silos = new[] { NewSilo(), NewSilo(), NewSilo(), NewSilo() };
        var grains = Enumerable.Range(0, Capacity * 2).Select(i => new GrainId("user", "concurrent-" + i)).ToArray();
        using var start = new Barrier(4);

        var wrongHits = await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            var random = new Random(thread);
            var wrong = 0;
            start.SignalAndWait();
            for (var i = 0; i < 50_000; i++)
            {
                var grain = grains[random.Next(grains.Length)];
                switch (random.Next(10))
                {
                    case < 5:
                        if (cache.TryGet(grain, out var found) && found.GrainId != grain)
                        {
                            wrong++;
                        }

                        break;
                    case < 8:
                        cache.Put(NewAddress(grain, silos[random.Next(silos.Length)]));
                        break;
                    case 8:
                        cache.Invalidate(grain);
                        break;
                    default:
                        if (i % 1000 == 0)
                        {
                            cache.InvalidateSilos([silos[random.Next(silos.Length)]]);
                        }

                        break;
                }

                if (cache.Count > Capacity)
                {
                    wrong++;
                }
            }

            return wrong;
        })));

        Assert.All(wrongHits, wrong => Assert.Equal(0, wrong));
        Assert.Equal(cache.Count, grains.Count(grain => cache.TryGet(grain, out _)));

        // Every slot must still be usable: once emptied, the cache takes Capacity fresh grains without evicting any.
        foreach (var grain in grains)
        {
            cache.Invalidate(grain);
        }

        Assert.Equal(0, cache.Count);
        var fresh = Enumerable.Range(0, Capacity).Select(_ => NewAddress(NewGrain())).ToArray();
        foreach (var address in fresh)
        {
            cache.Put(address);
        }

        Assert.Equal(Capacity, cache.Count);
        Assert.All(fresh, address => Assert.True(cache.TryGet(address.GrainId, out _)));
    }
}
