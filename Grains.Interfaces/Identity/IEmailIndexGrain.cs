using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Identity;

/// <summary>
/// One normalised email address (<see cref="EmailAddress.Normalize"/>), keyed by it: which user owns it. Every
/// registration for an address goes through its grain, one at a time, so two requests on any API hosts can never
/// both create an account for it.
/// </summary>
public interface IEmailIndexGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the address for <paramref name="user"/> and creates the account, unless another account owns it.
    /// A claim whose account was never created (its registration failed half-way) is taken over.
    /// </summary>
    /// <exception cref="ArgumentException">The user's email does not normalise to this grain's key.</exception>
    Task<RegistrationResult> RegisterAsync(NewUser user, CancellationToken cancellationToken = default);

    /// <summary>
    /// The id of the user that claimed the address, or null when nobody has. The account may be missing if that
    /// registration failed half-way; the address is then free for the next registration.
    /// </summary>
    [ReadOnly]
    Task<string?> GetOwnerAsync(CancellationToken cancellationToken = default);
}
