using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Auth;

/// <summary>The signed-in user: <c>{id, email, type, role}</c>.</summary>
public sealed record MeResponse(string Id, string Email, string Type, string Role)
{
    /// <summary>The response for <paramref name="user"/>.</summary>
    public static MeResponse From(UserInfo user) => new(user.Id, user.Email, IdentityNames.Of(user.Type), IdentityNames.Of(user.Role));
}
