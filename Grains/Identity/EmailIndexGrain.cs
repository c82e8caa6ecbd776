using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Identity;

[GrainType("email")]
public sealed class EmailIndexGrain(
    [PersistentState(EmailIndexGrain.StateName)] IPersistentState<EmailIndexState> index) : Grain, IEmailIndexGrain
{
    public const string StateName = "email";

    public async Task<RegistrationResult> RegisterAsync(NewUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Email);
        if (EmailAddress.Normalize(user.Email) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"The email '{user.Email}' does not normalise to this index entry's address.", nameof(user));
        }

        if (index.State.OwnerId is { } owner && owner != user.Id)
        {
            // A claim whose account exists stands; one whose registration died before creating the account is free.
            if (await GrainFactory.GetGrain<IUserGrain>(owner).GetAsync(cancellationToken) is not null)
            {
                return new RegistrationResult(null);
            }
        }

        if (index.State.OwnerId != user.Id)
        {
            // Claimed before the account is created: should creating it fail, the claim blocks nobody for good (above).
            await index.ChangeAsync(state => state.OwnerId = user.Id, state => new EmailIndexState { OwnerId = state.OwnerId }, cancellationToken);
        }

        return new RegistrationResult(await GrainFactory.GetGrain<IUserGrain>(user.Id).CreateAsync(user, cancellationToken));
    }

    public Task<string?> GetOwnerAsync(CancellationToken cancellationToken = default) => Task.FromResult(index.State.OwnerId);
}
