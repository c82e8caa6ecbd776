namespace Cluster.Grains.Interfaces.Identity;

/// <summary>What kind of account a user is.</summary>
public enum UserType
{
    /// <summary>An account with an email and a password (or an external identity).</summary>
    Regular,

    /// <summary>An anonymous account, upgraded in place when its owner registers.</summary>
    Guest,
}
