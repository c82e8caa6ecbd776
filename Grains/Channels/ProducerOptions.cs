using Cluster.Grains.Outbound;
using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Channels;

/// <summary>The server-side producers the silos run for channels (section <c>Channels:Producers</c>).</summary>
public sealed class ProducerOptions
{
    public const string SectionName = "Channels:Producers";

    /// <summary>
    /// Host names producers may read from (compared case-insensitively; <c>*.example.com</c> allows its subdomains). Empty,
    /// the default, allows none: an <c>endpoints</c> version declaring a producer then fails to activate and is rolled back.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How long one read may take; 100 ms to 60 s, default 5 s (a read also ends at the producer's interval).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most producers one <c>endpoints</c> version may declare; 1 to 1,000, default 100.</summary>
    public int MaxProducers { get; set; } = 100;

    /// <summary>How often each silo re-applies the active producers (and revives those whose silo died); 1 s to 10 min, default 30 s.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether producers may read from <paramref name="host"/>.</summary>
    public bool Allows(string host) => HostAllowList.Allows(AllowedHosts, host);
}

/// <summary>Checks <see cref="ProducerOptions"/> at start, naming the setting to fix.</summary>
public sealed class ProducerOptionsValidator : IValidateOptions<ProducerOptions>
{
    public ValidateOptionsResult Validate(string? name, ProducerOptions options)
    {
        var failures = new List<string>();
        failures.AddRange(HostAllowList.Problems(options.AllowedHosts, "Channels:Producers:AllowedHosts"));

        OptionRange.Check(failures, options.RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60), "Channels:Producers:RequestTimeout");
        OptionRange.Check(failures, options.MaxProducers, 1, 1000, "Channels:Producers:MaxProducers");
        OptionRange.Check(failures, options.ReconcileInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), "Channels:Producers:ReconcileInterval");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
