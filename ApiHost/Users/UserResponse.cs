using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Users;

/// <summary>A user's account as the user and administrators see it.</summary>
public sealed record UserResponse(string Id, string Email, string Type, string Role, bool IsActive, DateTimeOffset CreatedAt)
{
    /// <summary>The response for <paramref name="user"/>.</summary>
    public static UserResponse From(UserInfo user) =>
        new(user.Id, user.Email, IdentityNames.Of(user.Type), IdentityNames.Of(user.Role), user.IsActive, user.CreatedAt);
}
