using Cluster.Runtime.Storage.Internal;
using Cluster.Runtime.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Membership;

/// <summary>Options of <see cref="PostgresMembershipTable"/> and <see cref="PostgresMembershipWatcher"/>, bound from <see cref="SectionName"/>.</summary>
public sealed class PostgresMembershipOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Membership:Postgres";

    /// <summary>The default of <see cref="ClusterId"/>.</summary>
    public const string DefaultClusterId = "default";

    /// <summary>The default of <see cref="Schema"/>.</summary>
    public const string DefaultSchema = "public";

    /// <summary>The longest <see cref="ClusterId"/>; it travels in every notification, whose payload PostgreSQL limits.</summary>
    public const int MaxClusterIdLength = 200;

    /// <summary>
    /// The Npgsql connection string, such as <c>Host=localhost;Username=cluster;Password=...;Database=cluster</c>.
    /// Required. The role needs SELECT, INSERT, UPDATE and DELETE on the membership tables, and the first silo to
    /// start also needs CREATE on the database (when <see cref="Schema"/> is missing) or the schema (when the tables are).
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The cluster's name. Silos and clients with the same name form one cluster; several clusters can share one
    /// database. Default <c>default</c>; at most 200 characters, no control characters.
    /// </summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>The PostgreSQL schema holding the tables; created when missing. Default <c>public</c>.</summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>How long the watcher waits before its first attempt to listen again after losing its connection. Default 0.5 s.</summary>
    public TimeSpan ListenReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between the watcher's attempts, which double from <see cref="ListenReconnectDelay"/>. Default 30 s.</summary>
    public TimeSpan ListenMaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the watcher's idle connection may stay silent before Npgsql checks it with a keepalive query, so a
    /// connection that died without a word (a network partition) is noticed. Default 15 s. Ignored when the
    /// connection string sets <c>Keepalive</c>.
    /// </summary>
    public TimeSpan ListenKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether <paramref name="configuration"/> sets this section's connection string: the process then joins or finds a cluster.</summary>
    internal static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{SectionName}:{nameof(ConnectionString)}"]);
}

/// <summary>Validates <see cref="PostgresMembershipOptions"/> with messages that say what to set.</summary>
public sealed class PostgresMembershipOptionsValidator : IValidateOptions<PostgresMembershipOptions>
{
    private const string Prefix = PostgresMembershipOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PostgresMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        PostgresSettingsValidation.CheckConnectionString($"{Prefix}:ConnectionString", options.ConnectionString, failures);
        PostgresSettingsValidation.CheckClusterId($"{Prefix}:ClusterId", options.ClusterId, PostgresMembershipOptions.MaxClusterIdLength, PostgresMembershipOptions.DefaultClusterId, failures);

        if (!SqlIdentifier.IsValid(options.Schema))
        {
            failures.Add($"{Prefix}:Schema '{options.Schema}' is not a safe SQL identifier; set it to {SqlIdentifier.Rule}, such as '{PostgresMembershipOptions.DefaultSchema}' (the default).");
        }

        if (options.ListenReconnectDelay <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}:ListenReconnectDelay is {options.ListenReconnectDelay}; set it to a positive time such as '00:00:00.500' (the default).");
        }

        if (options.ListenMaxReconnectDelay < options.ListenReconnectDelay)
        {
            failures.Add($"{Prefix}:ListenMaxReconnectDelay ({options.ListenMaxReconnectDelay}) is shorter than ListenReconnectDelay ({options.ListenReconnectDelay}); set it at least as long, such as '00:00:30' (the default).");
        }

        if (options.ListenKeepAlive < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Prefix}:ListenKeepAlive is {options.ListenKeepAlive}; set it to at least one second, such as '00:00:15' (the default).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
