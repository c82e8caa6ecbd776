using Cluster.Runtime.Storage.Internal;
using Cluster.Runtime.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Directory;

/// <summary>Options of <see cref="PostgresGrainDirectory"/>, bound from <see cref="SectionName"/>.</summary>
public sealed class PostgresGrainDirectoryOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Directory:Postgres";

    /// <summary>The default of <see cref="ClusterId"/>.</summary>
    public const string DefaultClusterId = "default";

    /// <summary>The default of <see cref="Schema"/>.</summary>
    public const string DefaultSchema = "public";

    /// <summary>The longest <see cref="ClusterId"/>, the same limit as membership's, since both name one cluster.</summary>
    public const int MaxClusterIdLength = 200;

    /// <summary>
    /// The Npgsql connection string, such as <c>Host=localhost;Username=cluster;Password=...;Database=cluster</c>.
    /// Required. The role needs SELECT, INSERT, UPDATE and DELETE on the directory table, and the first silo to
    /// start also needs CREATE on the database (when <see cref="Schema"/> is missing) or the schema (when the table is).
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The cluster's name; the same as membership's, so silos of one cluster share entries and several clusters can
    /// share one database without seeing each other's. Default <c>default</c>; at most 200 characters, no control characters.
    /// </summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>The PostgreSQL schema holding the table; created when missing. Default <c>public</c>.</summary>
    public string Schema { get; set; } = DefaultSchema;
}

/// <summary>Validates <see cref="PostgresGrainDirectoryOptions"/> with messages that say what to set.</summary>
public sealed class PostgresGrainDirectoryOptionsValidator : IValidateOptions<PostgresGrainDirectoryOptions>
{
    private const string Prefix = PostgresGrainDirectoryOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PostgresGrainDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        PostgresSettingsValidation.CheckConnectionString($"{Prefix}:ConnectionString", options.ConnectionString, failures);
        PostgresSettingsValidation.CheckClusterId($"{Prefix}:ClusterId", options.ClusterId, PostgresGrainDirectoryOptions.MaxClusterIdLength, PostgresGrainDirectoryOptions.DefaultClusterId, failures, "the same as Membership:Postgres:ClusterId");

        if (!SqlIdentifier.IsValid(options.Schema))
        {
            failures.Add($"{Prefix}:Schema '{options.Schema}' is not a safe SQL identifier; set it to {SqlIdentifier.Rule}, such as '{PostgresGrainDirectoryOptions.DefaultSchema}' (the default).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
