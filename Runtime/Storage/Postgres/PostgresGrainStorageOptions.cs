using System.Text.Json;
using Cluster.Runtime.Storage.Internal;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>Options of <see cref="PostgresGrainStorage"/>, bound from <see cref="SectionName"/>.</summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>The configuration section bound by <c>AddGrainStorageFromConfiguration</c>.</summary>
    public const string SectionName = GrainStorageConfiguration.SectionName + ":" + GrainStorageConfiguration.PostgresProvider;

    /// <summary>The default of <see cref="Schema"/>.</summary>
    public const string DefaultSchema = "public";

    /// <summary>The default of <see cref="TableName"/>.</summary>
    public const string DefaultTableName = StorageSchema.DefaultTableName;

    /// <summary>
    /// The Npgsql connection string, such as <c>Host=localhost;Username=cluster;Password=...;Database=cluster</c>.
    /// Required. The role needs SELECT, INSERT and UPDATE on the table, and the first silo to start also needs
    /// CREATE on the database (when <see cref="Schema"/> is missing) or the schema (when the table is missing).
    /// The database must use the UTF8 encoding.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The PostgreSQL schema holding the table; created when missing. Default <c>public</c>.</summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>
    /// The table holding one row per grain type, grain key and state name. Default <c>grain_state</c>. Schema and table
    /// names are 1 to 63 lowercase letters a-z, digits or '_', starting with a letter or '_'.
    /// </summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// The JSON options state is serialized with; <c>null</c> (the default) means <see cref="JsonSerializerDefaults.Web"/>.
    /// Changing them for existing rows must keep the stored JSON readable (property naming in particular).
    /// </summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }
}

/// <summary>Validates <see cref="PostgresGrainStorageOptions"/> with messages that say what to set.</summary>
public sealed class PostgresGrainStorageOptionsValidator : IValidateOptions<PostgresGrainStorageOptions>
{

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PostgresGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storage = string.IsNullOrEmpty(name) ? GrainStorageNames.Default : name;
        var prefix = PostgresGrainStorageOptions.SectionName;
        var failures = new List<string>();

        PostgresSettingsValidation.CheckConnectionString($"{prefix}:ConnectionString", options.ConnectionString, failures, $" (grain storage '{storage}')");

        if (!SqlIdentifier.IsValid(options.Schema))
        {
            failures.Add($"{prefix}:Schema '{options.Schema}' is not a safe SQL identifier (grain storage '{storage}'); set it to {SqlIdentifier.Rule}, such as '{PostgresGrainStorageOptions.DefaultSchema}' (the default).");
        }

        if (!SqlIdentifier.IsValid(options.TableName))
        {
            failures.Add($"{prefix}:TableName '{options.TableName}' is not a safe SQL identifier (grain storage '{storage}'); set it to {SqlIdentifier.Rule}, such as '{PostgresGrainStorageOptions.DefaultTableName}' (the default).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
