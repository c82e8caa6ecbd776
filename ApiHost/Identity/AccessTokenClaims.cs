namespace Cluster.ApiHost.Identity;

/// <summary>The claim names of this API's access tokens.</summary>
public static class AccessTokenClaims
{
    /// <summary>The user id.</summary>
    public const string Subject = "sub";

    /// <summary>The user type, <c>regular</c> or <c>guest</c>, as the chat frontend reads it.</summary>
    public const string UserType = "type";

    /// <summary>The role, <c>user</c> or <c>admin</c>.</summary>
    public const string Role = "role";

    /// <summary>The session the token belongs to; revoking it revokes the token.</summary>
    public const string Session = "sid";

    /// <summary>The user's session version when the token was issued; an older one than the user's now is refused.</summary>
    public const string SessionVersion = "sv";

    /// <summary>The token's own id.</summary>
    public const string TokenId = "jti";
}
