using System.Text.Json;
using Cluster.ApiHost.Configs;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Channels;
using Cluster.Grains.Interfaces.Configs;
using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Channels;

/// <summary>
/// Who may publish to and subscribe to a channel, by the <c>channels</c> rules of the active <c>endpoints</c>
/// configuration (read at most every <see cref="CacheFor"/>). A channel without rules is open to every signed-in
/// subscriber and to publishers with the admin role; <c>config.{name}</c> channels are read by that configuration's
/// administrators and written by the configuration alone.
/// </summary>
public sealed partial class ChannelAccess(IClusterClient cluster, TimeProvider timeProvider, ILogger<ChannelAccess> logger)
{
    /// <summary>How long the rules read are used before they are read again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    // Swapped whole, never changed: requests on many threads read it while one of them replaces it.
    private volatile RulesSnapshot? _rules;

    /// <summary>Why the caller may not publish to <paramref name="channel"/>, or null when they may.</summary>
    public async Task<string?> PublishDeniedAsync(string channel, AuthenticatedCaller caller, IReadOnlySet<string> groupNames, CancellationToken cancellationToken)
    {
        if (channel.StartsWith(ChannelNames.ConfigPrefix, StringComparison.Ordinal))
        {
            return $"'{ChannelNames.ConfigPrefix}*' channels carry configuration activations; only the configuration publishes there.";
        }

        var allowed = await AllowedAsync(channel, "publish", caller, groupNames, cancellationToken);
        return (allowed ?? caller.User.Role == UserRole.Admin)
            ? null
            : $"Publishing to '{channel}' is not allowed for you; its rules are the 'channels' of the active endpoints configuration.";
    }

    /// <summary>Why the caller may not subscribe to <paramref name="channel"/>, or null when they may.</summary>
    public async Task<string?> SubscribeDeniedAsync(string channel, AuthenticatedCaller caller, IReadOnlySet<string> groupNames, CancellationToken cancellationToken)
    {
        if (channel.StartsWith(ChannelNames.ConfigPrefix, StringComparison.Ordinal))
        {
            var config = channel[ChannelNames.ConfigPrefix.Length..];
            return ConfigAdministrators.Include(config, caller, groupNames)
                ? null
                : $"'{channel}' is read by the administrators of its configuration. {ConfigAdministrators.Describe(config)}";
        }

        var allowed = await AllowedAsync(channel, "subscribe", caller, groupNames, cancellationToken);
        return (allowed ?? true)
            ? null
            : $"Subscribing to '{channel}' is not allowed for you; its rules are the 'channels' of the active endpoints configuration.";
    }

    // Null when the channel has no rule for the operation, so the default applies.
    private async Task<bool?> AllowedAsync(string channel, string operation, AuthenticatedCaller caller, IReadOnlySet<string> groupNames, CancellationToken cancellationToken)
    {
        var channels = await RulesAsync(cancellationToken);
        if (channels is not { ValueKind: JsonValueKind.Object } rules
            || !rules.TryGetProperty(channel, out var rule) || rule.ValueKind != JsonValueKind.Object
            || !rule.TryGetProperty(operation, out var principals) || principals.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return principals.EnumerateArray().Any(principal => principal.ValueKind == JsonValueKind.String && Matches(principal.GetString()!, caller, groupNames));
    }

    private static bool Matches(string principal, AuthenticatedCaller caller, IReadOnlySet<string> groupNames)
    {
        var separator = principal.IndexOf(':', StringComparison.Ordinal);
        var (kind, value) = separator < 0 ? (principal, string.Empty) : (principal[..separator], principal[(separator + 1)..]);
        return kind switch
        {
            "authenticated" => true,
            "role" => string.Equals(caller.User.Role.ToString(), value, StringComparison.OrdinalIgnoreCase),
            "group" => groupNames.Contains(GroupName.Normalize(value)),
            "user" => caller.User.Id == value,
            _ => false,
        };
    }

    private async Task<JsonElement?> RulesAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var cached = _rules;
        if (cached is not null && now - cached.ReadAt < CacheFor && now >= cached.ReadAt)
        {
            return cached.Channels;
        }

        try
        {
            var active = await cluster.GetGrain<IConfigGrain>(ConfigNames.Endpoints).GetAsync(null, cancellationToken);
            JsonElement? channels = null;
            if (active is not null)
            {
                using var document = JsonDocument.Parse(active.ResolvedJson);
                channels = document.RootElement.TryGetProperty("channels", out var element) ? element.Clone() : null;
            }

            _rules = new RulesSnapshot(now, active?.Info.Version, channels);
            return channels;
        }
        catch (Exception exception) when (exception is not OperationCanceledException && cached is { } stale)
        {
            // Rules a moment old beat refusing everyone while the configuration cannot be read.
            LogRulesStale(logger, exception, stale.Version);
            return stale.Channels;
        }
    }

    private sealed record RulesSnapshot(DateTimeOffset ReadAt, string? Version, JsonElement? Channels);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the channel rules failed; using those of endpoints version {Version}")]
    private static partial void LogRulesStale(ILogger logger, Exception exception, string? version);
}
