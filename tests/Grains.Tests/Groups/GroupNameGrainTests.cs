using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Tests.Identity;
using Cluster.Runtime.Testing;

namespace Cluster.Grains.Tests.Groups;

public sealed class GroupNameGrainTests
{
    [Fact]
    public async Task CreateGroupAsync_ManyAtOnceForOneName_CreatesOne()
    {
        await using var silo = await TestSilo.StartAsync();
        var name = $"Team {Guid.NewGuid():N}";
        var grain = silo.GrainFactory.GetGrain<IGroupNameGrain>(GroupName.Normalize(name));

        var created = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => grain.CreateGroupAsync(Guid.NewGuid().ToString(), name, string.Empty)));

        Assert.Single(created, group => group is not null);
    }

    [Fact]
    public async Task CreateGroupAsync_NameOfADeletedGroup_IsTakenOver()
    {
        await using var silo = await TestSilo.StartAsync();
        var name = $"Team {Guid.NewGuid():N}";
        var grain = silo.GrainFactory.GetGrain<IGroupNameGrain>(GroupName.Normalize(name));
        var first = await grain.CreateGroupAsync(Guid.NewGuid().ToString(), name, string.Empty);
        await silo.GrainFactory.GetGrain<IGroupGrain>(first!.Id).DeleteAsync();

        var second = await grain.CreateGroupAsync(Guid.NewGuid().ToString(), name.ToUpperInvariant(), string.Empty);

        Assert.NotNull(second);
    }

    [Fact]
    public async Task DeleteAsync_GroupWithMembers_TheyNoLongerListIt()
    {
        await using var silo = await TestSilo.StartAsync();
        var newUser = EmailIndexGrainTests.NewUser($"g.{Guid.NewGuid():N}@example.com");
        var user = silo.GrainFactory.GetGrain<IUserGrain>(newUser.Id);
        await user.CreateAsync(newUser);
        var name = $"Team {Guid.NewGuid():N}";
        var group = await silo.GrainFactory.GetGrain<IGroupNameGrain>(GroupName.Normalize(name)).CreateGroupAsync(Guid.NewGuid().ToString(), name, string.Empty);
        var grain = silo.GrainFactory.GetGrain<IGroupGrain>(group!.Id);
        Assert.True(await grain.SetMemberAsync(newUser.Id, isMember: true));
        Assert.Equal([group.Id], (await user.GetAsync())!.GroupIds);

        await grain.DeleteAsync();

        Assert.Empty((await user.GetAsync())!.GroupIds);
        Assert.Null(await grain.GetAsync());
        Assert.DoesNotContain(await silo.GrainFactory.GetGrain<IGroupRegistryGrain>(IGroupRegistryGrain.Key).ListAsync(), summary => summary.Id == group.Id);
    }
}
