using Cluster.Runtime.Storage.Internal;
using Microsoft.Extensions.Options;
using Npgsql;

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
    private const string Example = "'Host=localhost;Username=cluster;Password=...;Database=cluster'";
    private const string Prefix = PostgresGrainDirectoryOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PostgresGrainDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateConnectionString(options.ConnectionString, failures);
        ValidateClusterId(options.ClusterId, failures);

        if (!SqlIdentifier.IsValid(options.Schema))
        {
            failures.Add($"{Prefix}:Schema '{options.Schema}' is not a safe SQL identifier; set it to {SqlIdentifier.Rule}, such as '{PostgresGrainDirectoryOptions.DefaultSchema}' (the default).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateConnectionString(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{Prefix}:ConnectionString is empty; set it to a PostgreSQL connection string such as {Example}.");
            return;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            // Npgsql names the offending keyword, never the password, so its message is safe to repeat.
            failures.Add($"{Prefix}:ConnectionString is not a valid PostgreSQL connection string: {exception.Message} Use the form {Example}.");
            return;
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            failures.Add($"{Prefix}:ConnectionString has no Host; add 'Host=<server name or address>', as in {Example}.");
        }
    }

    private static void ValidateClusterId(string? clusterId, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(clusterId))
        {
            failures.Add($"{Prefix}:ClusterId is empty; set it to the cluster's name, the same as Membership:Postgres:ClusterId, such as '{PostgresGrainDirectoryOptions.DefaultClusterId}' (the default).");
        }
        else if (clusterId.Length > PostgresGrainDirectoryOptions.MaxClusterIdLength)
        {
            failures.Add($"{Prefix}:ClusterId is {clusterId.Length} characters long; shorten it to at most {PostgresGrainDirectoryOptions.MaxClusterIdLength}.");
        }
        else if (clusterId.Any(char.IsControl))
        {
            failures.Add($"{Prefix}:ClusterId contains a control character; use letters, digits and punctuation only.");
        }
    }
}
