using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Postgres;
using Cluster.Runtime.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Storage;

public sealed class GrainStorageOptionsValidationTests
{
    private const string Example = "'Host=localhost;Username=cluster;Password=...;Database=cluster'";

    [Fact]
    public void Postgres_requires_a_connection_string_and_says_how_to_set_it()
    {
        var failure = Assert.Single(ValidatePostgres(new PostgresGrainStorageOptions()));

        Assert.Equal(
            $"Storage:Postgres:ConnectionString is empty (grain storage 'Default'); set it to a PostgreSQL connection string such as {Example}.",
            failure);
    }

    [Fact]
    public void Postgres_rejects_an_unparsable_connection_string()
    {
        var failure = Assert.Single(ValidatePostgres(new PostgresGrainStorageOptions { ConnectionString = "Hots=localhost;Password=hunter2" }));

        Assert.StartsWith("Storage:Postgres:ConnectionString is not a valid PostgreSQL connection string (grain storage 'Default'):", failure, StringComparison.Ordinal);
        Assert.EndsWith($"Use the form {Example}.", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_requires_a_host()
    {
        var failure = Assert.Single(ValidatePostgres(new PostgresGrainStorageOptions { ConnectionString = "Username=cluster;Password=hunter2" }));

        Assert.Equal($"Storage:Postgres:ConnectionString has no Host (grain storage 'Default'); add 'Host=<server name or address>', as in {Example}.", failure);
    }

    [Theory]
    [InlineData("Grain_State")]
    [InlineData("grain-state")]
    [InlineData("grain state")]
    [InlineData("1grain")]
    [InlineData("grain_state\n")]
    [InlineData("grain_state;drop table x")]
    [InlineData("\"grain_state\"")]
    [InlineData("grâin")]
    [InlineData("")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Unsafe_identifiers_are_rejected_for_both_sql_providers(string identifier)
    {
        var postgres = ValidatePostgres(new PostgresGrainStorageOptions { ConnectionString = "Host=localhost", Schema = identifier, TableName = identifier });
        var sqlite = Validate(new SqliteGrainStorageOptionsValidator(), new SqliteGrainStorageOptions { TableName = identifier });

        Assert.Equal(2, postgres.Count);
        Assert.StartsWith($"Storage:Postgres:Schema '{identifier}' is not a safe SQL identifier (grain storage 'Default'); set it to 1 to 63 characters", postgres[0], StringComparison.Ordinal);
        Assert.EndsWith("such as 'public' (the default).", postgres[0], StringComparison.Ordinal);
        Assert.StartsWith($"Storage:Postgres:TableName '{identifier}' is not a safe SQL identifier", postgres[1], StringComparison.Ordinal);
        Assert.StartsWith($"Storage:Sqlite:TableName '{identifier}' is not a safe SQL identifier", Assert.Single(sqlite), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grain_state")]
    [InlineData("_g")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Safe_identifiers_and_defaults_pass(string identifier)
    {
        Assert.Empty(ValidatePostgres(new PostgresGrainStorageOptions { ConnectionString = "Host=localhost", Schema = identifier, TableName = identifier }));
        Assert.Empty(Validate(new SqliteGrainStorageOptionsValidator(), new SqliteGrainStorageOptions { TableName = identifier }));
        Assert.Empty(Validate(new SqliteGrainStorageOptionsValidator(), new SqliteGrainStorageOptions()));
    }

    [Theory]
    [InlineData("", "Storage:Sqlite:FilePath is empty (grain storage 'Default'); set it to a database file path such as './data/cluster.db' (the default).")]
    [InlineData(":memory:", "Storage:Sqlite:FilePath ':memory:' is not a plain file path (grain storage 'Default'); set a file path such as './data/cluster.db'. In-memory databases are not shared between the provider's connections: use the Memory provider for tests.")]
    [InlineData("file:state.db?mode=memory", "Storage:Sqlite:FilePath 'file:state.db?mode=memory' is not a plain file path (grain storage 'Default'); set a file path such as './data/cluster.db'. In-memory databases are not shared between the provider's connections: use the Memory provider for tests.")]
    [InlineData("data/", "Storage:Sqlite:FilePath 'data/' is not a valid file path (grain storage 'Default'); set a path such as './data/cluster.db'.")]
    public void Sqlite_file_path_messages_say_what_to_set(string filePath, string expected)
    {
        Assert.Equal(expected, Assert.Single(Validate(new SqliteGrainStorageOptionsValidator(), new SqliteGrainStorageOptions { FilePath = filePath })));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    [InlineData(11 * 60 * 1000)]
    public void Sqlite_busy_timeout_must_be_in_range(int milliseconds)
    {
        var failure = Assert.Single(Validate(new SqliteGrainStorageOptionsValidator(), new SqliteGrainStorageOptions { BusyTimeout = TimeSpan.FromMilliseconds(milliseconds) }));

        Assert.StartsWith("Storage:Sqlite:BusyTimeout is ", failure, StringComparison.Ordinal);
        Assert.EndsWith("set it between 00:00:00.001 and 00:10:00, such as 00:00:30 (the default).", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructors_refuse_invalid_options_with_the_validator_message()
    {
        var postgres = Assert.Throws<OptionsValidationException>(() => new PostgresGrainStorage("users", new PostgresGrainStorageOptions()));
        var sqlite = Assert.Throws<OptionsValidationException>(() => new SqliteGrainStorage("users", new SqliteGrainStorageOptions { FilePath = ":memory:" }));

        Assert.Contains("Storage:Postgres:ConnectionString is empty (grain storage 'users')", postgres.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:Sqlite:FilePath ':memory:' is not a plain file path (grain storage 'users')", sqlite.Message, StringComparison.Ordinal);
    }

    private static List<string> ValidatePostgres(PostgresGrainStorageOptions options) => Validate(new PostgresGrainStorageOptionsValidator(), options);

    private static List<string> Validate<TOptions>(IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        var result = validator.Validate(GrainStorageNames.Default, options);
        return result.Failed ? [.. result.Failures!] : [];
    }
}
