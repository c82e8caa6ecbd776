namespace Cluster.Grains.Interfaces.Identity;

/// <summary>What a user may do beyond their own resources.</summary>
public enum UserRole
{
    /// <summary>Reaches only their own resources and what is shared with them.</summary>
    User,

    /// <summary>Also manages users, groups and the audit log.</summary>
    Admin,
}
