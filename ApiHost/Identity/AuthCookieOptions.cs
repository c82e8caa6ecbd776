using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>How the sign-in cookies are set (<c>Identity:Cookies</c>); their names are fixed by the chat frontend's contract.</summary>
public sealed class AuthCookieOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Identity:Cookies";

    /// <summary>
    /// Whether the cookies carry <c>Secure</c> (sent over HTTPS only). Default true; turn it off only for local
    /// development over plain HTTP (appsettings.Development.json does).
    /// </summary>
    public bool Secure { get; set; } = true;

    /// <summary>
    /// The cookies' <c>Domain</c>, to share them with sibling hosts (the frontend on another subdomain). Default
    /// none: host-only cookies, which browsers also send to other ports of the same host.
    /// </summary>
    public string? Domain { get; set; }
}

/// <summary>Checks <see cref="AuthCookieOptions"/> at start and says which setting to change.</summary>
internal sealed class AuthCookieOptionsValidator : IValidateOptions<AuthCookieOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthCookieOptions options) =>
        options.Domain is { } domain && (domain.Length == 0 || domain.Any(character => char.IsWhiteSpace(character) || character is ';' or ',' or '/' or ':'))
            ? ValidateOptionsResult.Fail($"{AuthCookieOptions.SectionName}:{nameof(AuthCookieOptions.Domain)} is '{domain}'; set a host name such as example.com, or remove it for host-only cookies.")
            : ValidateOptionsResult.Success;
}
