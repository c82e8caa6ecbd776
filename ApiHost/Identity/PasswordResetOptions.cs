using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>How password reset links are made and mailed (<c>Identity:PasswordReset</c>).</summary>
public sealed class PasswordResetOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Identity:PasswordReset";

    /// <summary>
    /// The link mailed to the user: an absolute http(s) URL of the frontend's reset page, where <c>{token}</c> and
    /// <c>{email}</c> are replaced (URL-encoded). Default <c>http://localhost:3001/reset-password?email={email}&amp;token={token}</c>.
    /// </summary>
    public string LinkTemplate { get; set; } = "http://localhost:3001/reset-password?email={email}&token={token}";

    /// <summary>The sender address. Default <c>no-reply@localhost</c>.</summary>
    public string From { get; set; } = "no-reply@localhost";

    /// <summary>The SMTP server; when unset, mails are written as .eml files to <see cref="PickupDirectory"/> instead.</summary>
    public string? SmtpHost { get; set; }

    /// <summary>The SMTP port. Default 587; from 1 to 65535.</summary>
    public int SmtpPort { get; set; } = 587;

    /// <summary>Whether to use TLS (STARTTLS) with the SMTP server. Default true.</summary>
    public bool SmtpEnableSsl { get; set; } = true;

    /// <summary>The SMTP user name; none by default (no authentication).</summary>
    public string? SmtpUserName { get; set; }

    /// <summary>The SMTP password, with <see cref="SmtpUserName"/>; pass it from a secret store or environment variable.</summary>
    public string? SmtpPassword { get; set; }

    /// <summary>
    /// Where mails go without <see cref="SmtpHost"/>: one .eml file each, for a local mail relay to pick up or a
    /// developer to open. Default <c>data/mail-outbox</c> under the working directory.
    /// </summary>
    public string PickupDirectory { get; set; } = Path.Combine("data", "mail-outbox");
}

/// <summary>Checks <see cref="PasswordResetOptions"/> at start and says which setting to change.</summary>
internal sealed class PasswordResetOptionsValidator : IValidateOptions<PasswordResetOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordResetOptions options)
    {
        var failures = new List<string>();
        var section = PasswordResetOptions.SectionName;
        if (!options.LinkTemplate.Contains("{token}", StringComparison.Ordinal)
            || !Uri.TryCreate(options.LinkTemplate.Replace("{token}", "t", StringComparison.Ordinal).Replace("{email}", "e", StringComparison.Ordinal), UriKind.Absolute, out var link)
            || link.Scheme is not ("http" or "https"))
        {
            failures.Add($"{section}:{nameof(PasswordResetOptions.LinkTemplate)} is '{options.LinkTemplate}'; set an absolute http(s) URL of the reset page containing {{token}}, such as https://app.example.com/reset-password?email={{email}}&token={{token}}.");
        }

        if (!System.Net.Mail.MailAddress.TryCreate(options.From, out _))
        {
            failures.Add($"{section}:{nameof(PasswordResetOptions.From)} is '{options.From}'; set the sender's address, such as no-reply@example.com.");
        }

        if (options.SmtpPort is < 1 or > 65535)
        {
            failures.Add($"{section}:{nameof(PasswordResetOptions.SmtpPort)} is {options.SmtpPort}; set it between 1 and 65535.");
        }

        if (options.SmtpHost is null && string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            failures.Add($"{section}:{nameof(PasswordResetOptions.PickupDirectory)} is empty; set a directory for reset mails, or set {nameof(PasswordResetOptions.SmtpHost)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
