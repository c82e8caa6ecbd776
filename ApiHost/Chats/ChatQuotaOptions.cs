using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Chats;

/// <summary>How many messages a user may send to chats per day (<c>Chat:Quota</c>); over it, 429 <c>rate_limit:chat</c>.</summary>
public sealed class ChatQuotaOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Chat:Quota";

    /// <summary>Messages per <see cref="Window"/> for a regular account. Default 100; 1 to 100,000.</summary>
    public int RegularMessages { get; set; } = 100;

    /// <summary>Messages per <see cref="Window"/> for a guest. Default 20; 1 to 100,000.</summary>
    public int GuestMessages { get; set; } = 20;

    /// <summary>The sliding window the messages are counted over. Default 24 h; 1 min to 30 days.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>Checks <see cref="ChatQuotaOptions"/> at start and says which setting to change.</summary>
internal sealed class ChatQuotaOptionsValidator : IValidateOptions<ChatQuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatQuotaOptions options)
    {
        var failures = new List<string>();
        foreach (var (setting, value) in (ReadOnlySpan<(string, int)>)[(nameof(options.RegularMessages), options.RegularMessages), (nameof(options.GuestMessages), options.GuestMessages)])
        {
            if (value is < 1 or > 100_000)
            {
                failures.Add($"{ChatQuotaOptions.SectionName}:{setting} is {value}; set 1 to 100000.");
            }
        }

        if (options.Window < TimeSpan.FromMinutes(1) || options.Window > TimeSpan.FromDays(30))
        {
            failures.Add($"{ChatQuotaOptions.SectionName}:{nameof(options.Window)} is {options.Window}; set it between 00:01:00 and 30.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
