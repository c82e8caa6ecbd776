using Cluster.ApiHost.Users;
using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Admin;

/// <summary>A page of accounts, and the cursor of the next page (null after the last).</summary>
public sealed record UserPageResponse(IReadOnlyList<UserResponse> Users, string? NextCursor)
{
    /// <summary>The response for <paramref name="page"/>.</summary>
    public static UserPageResponse From(UserPage page) => new([.. page.Users.Select(UserResponse.From)], page.NextCursor);
}
