using Npgsql;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>The checks every PostgreSQL-backed component makes of its settings, with the same actionable messages.</summary>
internal static class PostgresSettingsValidation
{
    public const string ConnectionStringExample = "'Host=localhost;Username=cluster;Password=...;Database=cluster'";

    /// <summary>Checks a connection string setting; <paramref name="context"/> (such as " (grain storage 'x')") names the user of it.</summary>
    public static void CheckConnectionString(string setting, string? connectionString, List<string> failures, string context = "")
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{setting} is empty{context}; set it to a PostgreSQL connection string such as {ConnectionStringExample}.");
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
            failures.Add($"{setting} is not a valid PostgreSQL connection string{context}: {exception.Message} Use the form {ConnectionStringExample}.");
            return;
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            failures.Add($"{setting} has no Host{context}; add 'Host=<server name or address>', as in {ConnectionStringExample}.");
        }
    }

    /// <summary>
    /// A data source whose connections name <paramref name="applicationName"/> in pg_stat_activity, and whose pool holds
    /// at most <paramref name="defaultMaxPoolSize"/> connections, unless the connection string sets either. The cap
    /// matters: a burst of first calls to a thousand grains would otherwise open Npgsql's default of 100 connections
    /// per pool and process, and a few silos would exhaust a server's default limit of 100.
    /// </summary>
    public static NpgsqlDataSource BuildDataSource(string connectionString, string applicationName, int? defaultMaxPoolSize = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= applicationName;
        if (defaultMaxPoolSize is { } size && !SetsMaxPoolSize(connectionString))
        {
            builder.ConnectionStringBuilder.MaxPoolSize = size;
        }

        return builder.Build();
    }

    private static bool SetsMaxPoolSize(string connectionString)
    {
        var parsed = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return parsed.Keys.Cast<string>().Any(key => key.Replace(" ", string.Empty, StringComparison.Ordinal)
            is var compact && (compact.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || compact.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Checks a cluster id setting, which names rows shared by every silo and client of one cluster.</summary>
    public static void CheckClusterId(
        string setting, string? clusterId, int maxLength, string defaultValue, List<string> failures, string sameAs = "the same on every silo and client of the cluster")
    {
        if (string.IsNullOrWhiteSpace(clusterId))
        {
            failures.Add($"{setting} is empty; set it to the cluster's name, {sameAs}, such as '{defaultValue}' (the default).");
        }
        else if (clusterId.Length > maxLength)
        {
            failures.Add($"{setting} is {clusterId.Length} characters long; shorten it to at most {maxLength}.");
        }
        else if (clusterId.Any(char.IsControl))
        {
            failures.Add($"{setting} contains a control character; use letters, digits and punctuation only.");
        }
    }
}
