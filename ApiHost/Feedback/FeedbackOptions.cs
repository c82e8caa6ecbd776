using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Feedback;

/// <summary>Who reviews application feedback (<c>Chat:Feedback</c>), besides administrators.</summary>
public sealed class FeedbackOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Chat:Feedback";

    /// <summary>Emails of the reviewers, comma-separated (as the seed's <c>FEEDBACK_REVIEWER_EMAILS</c>); empty for administrators only.</summary>
    public string ReviewerEmails { get; set; } = string.Empty;

    /// <summary>Whether <paramref name="user"/> may read the feedback.</summary>
    public bool IsReviewer(UserInfo user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Role == UserRole.Admin
            || ReviewerEmails.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Any(email => EmailAddress.Normalize(email) == EmailAddress.Normalize(user.Email));
    }
}
