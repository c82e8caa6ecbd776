namespace Cluster.ApiHost.Identity;

/// <summary>The authorization policies endpoints name in <c>RequireAuthorization</c>; the default policy needs any signed-in caller.</summary>
public static class IdentityPolicies
{
    /// <summary>Administrators only.</summary>
    public const string Admin = "admin";

    /// <summary>Regular (registered) users only, not guests.</summary>
    public const string RegularUser = "regular-user";
}
