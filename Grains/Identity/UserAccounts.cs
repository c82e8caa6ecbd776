using Cluster.Grains.Interfaces.Identity;

namespace Cluster.Grains.Identity;

/// <summary>The rules for creating an account, upgrading a guest, and changing its flags and memberships.</summary>
internal static class UserAccounts
{
    /// <summary>Refuses data no account may have: a regular account needs a password hash unless an external provider signs it in.</summary>
    /// <exception cref="ArgumentException">The data is inconsistent; the message says how.</exception>
    public static void EnsureValid(NewUser newUser)
    {
        if (newUser.ExternalIssuer is null)
        {
            if (newUser.Type == UserType.Regular && string.IsNullOrWhiteSpace(newUser.PasswordHash))
            {
                throw new ArgumentException("A regular account needs a password hash, or an external issuer.", nameof(newUser));
            }
        }
        else if (newUser.Type != UserType.Regular || newUser.PasswordHash is not null)
        {
            throw new ArgumentException("An account of an external provider is regular and has no password hash.", nameof(newUser));
        }
    }

    /// <summary>Whether <paramref name="newUser"/> changes the account: it does not exist yet, or it is a guest becoming regular.</summary>
    public static bool Changes(UserState state, NewUser newUser) =>
        !state.Exists || (state.Type == UserType.Guest && newUser.Type == UserType.Regular);

    /// <summary>Creates the account, or upgrades the guest it is in place.</summary>
    public static void Apply(UserState state, NewUser newUser, DateTimeOffset now)
    {
        state.Email = newUser.Email.Trim();
        state.PasswordHash = newUser.PasswordHash;
        state.Type = newUser.Type;
        state.ExternalIssuer = newUser.ExternalIssuer;
        if (state.Exists)
        {
            // The guest's tokens say "guest": they must not keep working for the account it became.
            UserSessions.EndAll(state);
            return;
        }

        state.Exists = true;
        state.Role = UserRole.User;
        state.IsActive = true;
        state.CreatedAt = now;
        state.SessionVersion = 1;
    }

    /// <summary>Activates or deactivates the account; deactivating ends every session.</summary>
    public static void SetActive(UserState state, bool isActive)
    {
        state.IsActive = isActive;
        if (!isActive)
        {
            UserSessions.EndAll(state);
        }
    }

    public static void SetGroupMembership(UserState state, string groupId, bool isMember)
    {
        if (isMember)
        {
            state.GroupIds.Add(groupId);
        }
        else
        {
            state.GroupIds.Remove(groupId);
        }
    }
}
