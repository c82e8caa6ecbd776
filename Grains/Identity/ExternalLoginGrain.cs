using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Identity;

// Calls go from the link to the email index, users, group names and groups, never back, so none can wait on this
// grain in a cycle.
[GrainType("external-login")]
public sealed class ExternalLoginGrain(
    [PersistentState(ExternalLoginGrain.StateName)] IPersistentState<ExternalLoginState> login,
    TimeProvider timeProvider) : Grain, IExternalLoginGrain
{
    public const string StateName = "external-login";

    /// <summary>The domain of the addresses given to accounts whose provider vouches for no email; reserved, so never deliverable.</summary>
    public const string UnverifiedEmailDomain = "external.invalid";

    private ExternalLoginState State => login.State;

    public async Task<ExternalSignInResult> SignInAsync(ExternalIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.LoginKey != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"The identity's key '{identity.LoginKey}' is not this grain's key.", nameof(identity));
        }

        if (!State.Linked && !await LinkAsync(identity, cancellationToken))
        {
            return new ExternalSignInResult(null, EmailTaken: true);
        }

        var account = GrainFactory.GetGrain<IUserGrain>(State.UserId!);
        var user = await account.GetAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The account '{State.UserId}' linked to this identity does not exist.");
        if (!user.IsActive)
        {
            return new ExternalSignInResult(user, EmailTaken: false);
        }

        if (identity.Role is { } role && user.Role != role)
        {
            user = await account.SetRoleAsync(role, cancellationToken);
        }

        if (identity.GroupNames is { } names && await SyncGroupsAsync(user, names, cancellationToken))
        {
            user = await account.GetAsync(cancellationToken) ?? user;
        }

        return new ExternalSignInResult(user, EmailTaken: false);
    }

    public async Task<bool> TryUseIdTokenAsync(string tokenHash, DateTimeOffset acceptableUntil, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        var now = timeProvider.GetUtcNow();
        if (State.UsedIdTokens.TryGetValue(tokenHash, out var until) && until > now)
        {
            return false;
        }

        await ChangeAsync(state =>
        {
            foreach (var (hash, _) in state.UsedIdTokens.Where(used => used.Value <= now).ToList())
            {
                state.UsedIdTokens.Remove(hash);
            }

            while (state.UsedIdTokens.Count >= IExternalLoginGrain.MaxRememberedIdTokens)
            {
                state.UsedIdTokens.Remove(state.UsedIdTokens.MinBy(used => used.Value).Key);
            }

            state.UsedIdTokens[tokenHash] = acceptableUntil;
        }, cancellationToken);
        return true;
    }

    public Task<string?> GetUserIdAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(State.Linked ? State.UserId : null);

    /// <summary>Makes the account, or links the one holding the verified email when allowed; false when the email is taken.</summary>
    private async Task<bool> LinkAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        if (State.UserId is null)
        {
            var id = Guid.CreateVersion7().ToString();
            await ChangeAsync(state => state.UserId = id, cancellationToken);
        }

        var userId = State.UserId!;
        if (identity.VerifiedEmail is { } email)
        {
            // Through the email index, like a registration, so the address stays unique among accounts.
            var index = GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(email));
            var registration = await index.RegisterAsync(new NewUser(userId, email, null, UserType.Regular, identity.Issuer), cancellationToken);
            if (!registration.Created)
            {
                if (!identity.LinkByEmail || await index.GetOwnerAsync(cancellationToken) is not { } owner
                    || await GrainFactory.GetGrain<IUserGrain>(owner).LinkExternalAsync(identity.Issuer, cancellationToken) is null)
                {
                    return false;
                }

                userId = owner;
            }
        }
        else
        {
            var newUser = new NewUser(userId, UnverifiedEmailOf(identity), null, UserType.Regular, identity.Issuer);
            await GrainFactory.GetGrain<IUserGrain>(userId).CreateAsync(newUser, cancellationToken);
        }

        await ChangeAsync(state => (state.UserId, state.Linked) = (userId, true), cancellationToken);
        return true;
    }

    /// <summary>Joins the listed groups that exist and leaves those joined this way that are no longer listed; true when any membership changed.</summary>
    private async Task<bool> SyncGroupsAsync(UserInfo user, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var lookups = names
            .Select(GroupName.Normalize)
            .Where(name => name.Length is > 0 and <= GroupName.MaxLength)
            .Distinct(StringComparer.Ordinal)
            .Take(ExternalIdentity.MaxGroupNames)
            .Select(name => GrainFactory.GetGrain<IGroupNameGrain>(name).GetGroupAsync(cancellationToken));
        var listed = (await Task.WhenAll(lookups)).OfType<GroupInfo>().Select(group => group.Id).ToHashSet(StringComparer.Ordinal);

        var joined = listed.Where(id => !user.GroupIds.Contains(id)).ToList();
        var left = State.MappedGroupIds.Where(id => !listed.Contains(id) && user.GroupIds.Contains(id)).ToList();
        var changed = false;
        foreach (var (groupId, isMember) in joined.Select(id => (id, true)).Concat(left.Select(id => (id, false))))
        {
            changed |= await SetMemberAsync(groupId, user.Id, isMember, cancellationToken);
        }

        var mapped = listed.Where(id => joined.Contains(id) || State.MappedGroupIds.Contains(id)).ToList();
        if (!mapped.ToHashSet().SetEquals(State.MappedGroupIds))
        {
            await ChangeAsync(state => state.MappedGroupIds = mapped, cancellationToken);
        }

        return changed;
    }

    private async Task<bool> SetMemberAsync(string groupId, string userId, bool isMember, CancellationToken cancellationToken)
    {
        try
        {
            return await GrainFactory.GetGrain<IGroupGrain>(groupId).SetMemberAsync(userId, isMember, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Deleted since it was looked up: nothing to join or leave.
            return false;
        }
    }

    private static string UnverifiedEmailOf(ExternalIdentity identity) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.LoginKey)))[..24]}@{UnverifiedEmailDomain}";

    private Task ChangeAsync(Action<ExternalLoginState> change, CancellationToken cancellationToken) =>
        login.ChangeAsync(change, state => state.Clone(), cancellationToken);
}
