using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// Judges a new password: long enough, not the email (or its name part), not a common password dressed up with digits
/// and symbols, not one character repeated, and any composition rules the options turn on. Each problem comes back as
/// a sentence that says what to change.
/// </summary>
public sealed class PasswordPolicy(IOptions<PasswordPolicyOptions> options)
{
    private static readonly FrozenSet<string> Common = LoadCommon();

    /// <summary>What is wrong with <paramref name="password"/> for the account <paramref name="email"/>; empty when it is acceptable.</summary>
    public IReadOnlyList<string> Check(string password, string? email)
    {
        ArgumentNullException.ThrowIfNull(password);
        var settings = options.Value;
        var problems = new List<string>();
        if (password.Length < settings.MinLength)
        {
            problems.Add($"Use at least {settings.MinLength} characters; this password has {password.Length}.");
        }

        if (password.Length > settings.MaxLength)
        {
            problems.Add($"Use at most {settings.MaxLength} characters; this password has {password.Length}.");
        }

        if (email is { Length: > 0 } && ContainsEmail(password, email))
        {
            problems.Add("Do not use your email address, or its name part, as your password.");
        }

        if (IsCommon(password))
        {
            problems.Add("This password is too common; digits or symbols around a common word do not help. Choose something less guessable, such as several unrelated words.");
        }
        else if (password.Length > 0 && password.All(c => c == password[0]))
        {
            problems.Add("Do not repeat one character.");
        }

        AddIfMissing(problems, settings.RequireUppercase, password.Any(char.IsUpper), "an upper-case letter");
        AddIfMissing(problems, settings.RequireLowercase, password.Any(char.IsLower), "a lower-case letter");
        AddIfMissing(problems, settings.RequireDigit, password.Any(char.IsDigit), "a digit");
        AddIfMissing(problems, settings.RequireSymbol, password.Any(c => !char.IsLetterOrDigit(c)), "a symbol (a character that is neither a letter nor a digit)");
        return problems;
    }

    private static bool ContainsEmail(string password, string email)
    {
        var lowered = password.ToLowerInvariant();
        var address = email.Trim().ToLowerInvariant();
        var name = address.Split('@')[0];
        return lowered.Contains(address, StringComparison.Ordinal) || (name.Length >= 4 && lowered.Contains(name, StringComparison.Ordinal));
    }

    /// <summary>
    /// A listed word once the digits and symbols around it are stripped (<c>Password2024!</c>), or nothing but digits
    /// and symbols in a run (<c>123456789012</c>).
    /// </summary>
    private static bool IsCommon(string password)
    {
        var lowered = password.ToLowerInvariant();
        var core = lowered.Trim("0123456789!@#$%^&*()_+-=[]{}|;:,.<>?/~`'\" ".ToCharArray());
        return Common.Contains(lowered) || Common.Contains(core) || (core.Length == 0 && IsRun(lowered));
    }

    private static bool IsRun(string text)
    {
        var ascending = true;
        var descending = true;
        for (var i = 1; i < text.Length; i++)
        {
            ascending &= text[i] == text[i - 1] + 1 || (text[i - 1] == '9' && text[i] == '0');
            descending &= text[i] == text[i - 1] - 1 || (text[i - 1] == '0' && text[i] == '9');
        }

        return ascending || descending || text.Distinct().Count() <= 2;
    }

    private static void AddIfMissing(List<string> problems, bool required, bool present, string what)
    {
        if (required && !present)
        {
            problems.Add($"Include {what}.");
        }
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Cluster.ApiHost.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The bundled list of common passwords is missing from the API host's assembly.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
