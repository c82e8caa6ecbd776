using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Sockets;

/// <summary>
/// The WebSocket package protocol on <c>/web</c> (<c>WebSocket</c>). The per-user message rate is the
/// <c>RateLimiting:Policies:websocket-messages</c> policy (default 100 per 60 s), counted across API hosts.
/// </summary>
public sealed class PackageSocketOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebSocket";

    /// <summary>Open connections one user may have across every API host; the next is accepted, then closed with 1008. Default 5; 1 to 1,000.</summary>
    public int MaxConnectionsPerUser { get; set; } = 5;

    /// <summary>The largest inbound message, in bytes; a larger one closes the connection with 1009. Default 64 KiB; 1 KiB to 16 MiB.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>How long a connection with no token in its URL has to send its auth frame before it is closed with 4002. Default 5 s; 1 s to 1 min.</summary>
    public TimeSpan AuthFrameTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a connection's token is checked again; a connection whose session ended (sign-out, revocation,
    /// expiry) is closed with 1000 within this. Default 10 s; 100 ms to 5 min.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a connection counts against its user's limit without being renewed (renewed every third of it), so
    /// the connections of an API host that died stop counting. Default 60 s; 5 s to 1 h.
    /// </summary>
    public TimeSpan ConnectionLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Frames queued for a client that does not read them before its connection is dropped. Default 10,000; 100 to 1,000,000.</summary>
    public int MaxQueuedFrames { get; set; } = 10_000;

    /// <summary>Bytes queued for a client that does not read them before its connection is dropped. Default 16 MiB; 64 KiB to 1 GiB.</summary>
    public long MaxQueuedBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The interval of WebSocket pings that keep idle connections open through proxies; a client that answers none
    /// within another interval is dropped. Default 30 s; zero for none, at most 10 min.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Checks <see cref="PackageSocketOptions"/> at start and says which setting to change.</summary>
internal sealed class PackageSocketOptionsValidator : IValidateOptions<PackageSocketOptions>
{
    public ValidateOptionsResult Validate(string? name, PackageSocketOptions options)
    {
        var section = PackageSocketOptions.SectionName;
        var failures = new List<string>();
        Check(options.MaxConnectionsPerUser, 1, 1000, nameof(options.MaxConnectionsPerUser));
        Check(options.MaxMessageBytes, 1024, 16 * 1024 * 1024, nameof(options.MaxMessageBytes));
        Check(options.MaxQueuedFrames, 100, 1_000_000, nameof(options.MaxQueuedFrames));
        Within(options.AuthFrameTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), nameof(options.AuthFrameTimeout));
        Within(options.SessionCheckInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), nameof(options.SessionCheckInterval));
        Within(options.ConnectionLease, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), nameof(options.ConnectionLease));
        if (options.MaxQueuedBytes is < 64 * 1024 or > 1024L * 1024 * 1024)
        {
            failures.Add($"{section}:{nameof(options.MaxQueuedBytes)} is {options.MaxQueuedBytes}; set 65536 to 1073741824.");
        }

        Within(options.KeepAliveInterval, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(options.KeepAliveInterval));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(int value, int min, int max, string setting)
        {
            if (value < min || value > max)
            {
                failures.Add($"{section}:{setting} is {value}; set {min} to {max}.");
            }
        }

        void Within(TimeSpan value, TimeSpan min, TimeSpan max, string setting)
        {
            if (value < min || value > max)
            {
                failures.Add($"{section}:{setting} is {value}; set it between {min} and {max}.");
            }
        }
    }
}
