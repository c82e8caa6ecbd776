using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Channels;

/// <summary>How an API host hands channel messages to its subscribers (section <c>Channels</c>).</summary>
public sealed class ChannelFanOutOptions
{
    public const string SectionName = "Channels";

    /// <summary>
    /// Messages a subscriber may have unread before it is dropped as too slow (its stream ends with the reason);
    /// 1 to 100,000, default 256.
    /// </summary>
    public int SubscriberBuffer { get; set; } = 256;

    /// <summary>Time between two SSE comments that keep an idle stream open through proxies; 1 s to 5 min, default 15 s.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Checks <see cref="ChannelFanOutOptions"/> at start, naming the setting to fix.</summary>
public sealed class ChannelFanOutOptionsValidator : IValidateOptions<ChannelFanOutOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelFanOutOptions options)
    {
        var failures = new List<string>();
        OptionRange.Check(failures, options.SubscriberBuffer, 1, 100_000, "Channels:SubscriberBuffer");
        OptionRange.Check(failures, options.Heartbeat, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), "Channels:Heartbeat");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
