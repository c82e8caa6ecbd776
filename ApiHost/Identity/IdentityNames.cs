using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Identity;

/// <summary>User types and roles as the API spells them (lower case, as the chat frontend reads <c>type</c>).</summary>
public static class IdentityNames
{
    /// <summary>The role of administrators, as policies and tokens name it.</summary>
    public const string Admin = "admin";

    /// <summary>The role of everyone else.</summary>
    public const string User = "user";

    /// <summary><c>regular</c> or <c>guest</c>.</summary>
    public static string Of(UserType type) => type == UserType.Guest ? "guest" : "regular";

    /// <summary><c>admin</c> or <c>user</c>.</summary>
    public static string Of(UserRole role) => role == UserRole.Admin ? Admin : User;

    /// <summary>The role named <paramref name="name"/>, or null when it names none.</summary>
    public static UserRole? RoleNamed(string? name) => name switch
    {
        Admin => UserRole.Admin,
        User => UserRole.User,
        _ => null,
    };
}
