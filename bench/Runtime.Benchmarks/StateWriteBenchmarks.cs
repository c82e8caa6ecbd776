using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Cluster.Runtime.Benchmarks.Grains;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// A grain state write on PostgreSQL (grain call, JSON, versioned UPDATE) against a bare Npgsql UPDATE of the
/// same row shape with the same payload, prepared, on a pooled connection.
/// </summary>
[MemoryDiagnoser]
public class StateWriteBenchmarks
{
    private const string BareSql =
        "UPDATE grain_state SET version = version + 1, payload = $4, modified_at = now() "
        + "WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 RETURNING version";

    private BenchPostgres _database = null!;
    private TestSilo _silo = null!;
    private IBenchGrain _grain = null!;
    private NpgsqlDataSource _dataSource = null!;
    private string _payload = null!;
    private int _value;

    [GlobalSetup]
    public void Setup()
    {
        _database = new BenchPostgres();
        _silo = TestSilo.StartAsync(configureSilo: silo =>
            silo.AddPostgresGrainStorage(GrainStorageNames.Default, options => options.ConnectionString = _database.ConnectionString)).GetAwaiter().GetResult();
        _grain = _silo.GrainFactory.GetGrain<IBenchGrain>(1);
        _grain.WriteAsync(0).GetAwaiter().GetResult();
        _silo.GrainFactory.GetGrain<IBenchGrain>(2).WriteAsync(0).GetAwaiter().GetResult();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        _payload = JsonSerializer.Serialize(new BenchState { Value = 1 }, JsonSerializerOptions.Web);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dataSource.Dispose();
        NpgsqlConnection.ClearAllPools();
        _database.Dispose();
    }

    [Benchmark(Baseline = true, Description = "bare Npgsql UPDATE")]
    public async Task<int> BareUpdate()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(BareSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = "bench" });
        command.Parameters.Add(new NpgsqlParameter { Value = "2" });
        command.Parameters.Add(new NpgsqlParameter { Value = "bench" });
        command.Parameters.Add(new NpgsqlParameter { Value = _payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.PrepareAsync();
        return (int)(await command.ExecuteScalarAsync())!;
    }

    [Benchmark(Description = "grain WriteStateAsync")]
    public Task GrainWrite() => _grain.WriteAsync(++_value);
}
