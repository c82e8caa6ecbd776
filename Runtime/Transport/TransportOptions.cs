using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Transport;

/// <summary>Limits of the framed connections between processes, bound from the <c>Transport</c> section.</summary>
public sealed class TransportOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Transport";

    /// <summary>The largest frame either side accepts, in bytes. Default 16 MiB; from 1 KiB to 1 GiB. Set it alike on every process.</summary>
    public int MaxFrameSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Frames a connection queues for sending before senders wait (back-pressure). Default 1,024; from 1 to 1,000,000.
    /// </summary>
    public int SendQueueCapacity { get; set; } = 1024;

    /// <summary>How long opening a connection may take. Default 5 s; from 100 ms to 5 min.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Calls from one peer that may be in progress here at once; more are refused at once with an error that says the
    /// process is overloaded, so a peer that floods calls cannot grow this process's memory without bound (reading
    /// stays unblocked, so responses on the same connection keep flowing). Default 10,000; from 1 to 1,000,000.
    /// </summary>
    public int MaxIncomingRequests { get; set; } = 10_000;

    /// <summary>
    /// How long a stopping process waits for the calls in flight on each connection to be answered before it closes
    /// the connection anyway. Default 10 s; from 0 to 5 min.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>TLS on every connection (<c>Transport:Tls</c>); off by default.</summary>
    public TransportTlsOptions Tls { get; set; } = new();
}

/// <summary>Checks <see cref="TransportOptions"/> at start and says which setting to change.</summary>
internal sealed class TransportOptionsValidator : IValidateOptions<TransportOptions>
{
    public const int MinFrameSize = 1024;
    public const int MaxFrameSizeLimit = 1024 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, TransportOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFrameSize is < MinFrameSize or > MaxFrameSizeLimit)
        {
            failures.Add($"{TransportOptions.SectionName}:{nameof(TransportOptions.MaxFrameSize)} is {options.MaxFrameSize}; set it between {MinFrameSize} and {MaxFrameSizeLimit} bytes.");
        }

        if (options.SendQueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"{TransportOptions.SectionName}:{nameof(TransportOptions.SendQueueCapacity)} is {options.SendQueueCapacity}; set it between 1 and 1000000 frames.");
        }

        if (options.ConnectTimeout < TimeSpan.FromMilliseconds(100) || options.ConnectTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{TransportOptions.SectionName}:{nameof(TransportOptions.ConnectTimeout)} is {options.ConnectTimeout}; set it between 00:00:00.1 and 00:05:00.");
        }

        if (options.MaxIncomingRequests is < 1 or > 1_000_000)
        {
            failures.Add($"{TransportOptions.SectionName}:{nameof(TransportOptions.MaxIncomingRequests)} is {options.MaxIncomingRequests}; set it between 1 and 1000000 calls.");
        }

        if (options.DrainTimeout < TimeSpan.Zero || options.DrainTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{TransportOptions.SectionName}:{nameof(TransportOptions.DrainTimeout)} is {options.DrainTimeout}; set it between 00:00:00 and 00:05:00.");
        }

        try
        {
            TransportSecurity.Create(options.Tls);
        }
        catch (InvalidOperationException exception)
        {
            failures.Add(exception.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
