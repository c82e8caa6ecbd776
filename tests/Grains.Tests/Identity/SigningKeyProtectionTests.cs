using System.Security.Cryptography;
using Cluster.Grains.Identity;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Cluster.Grains.Tests.Identity;

public sealed class SigningKeyProtectionTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"cluster-keys-{Guid.NewGuid():N}.db");
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task GetKeysAsync_EncryptionKeySet_StoresNoPrivateKeyInTheClearAndReadsItBack()
    {
        SigningKeyInfo first;
        await using (var silo = await StartAsync(_key))
        {
            first = (await Grain(silo).GetKeysAsync())[0];
        }

        var stored = await StoredPayloadAsync();
        await using var restarted = await StartAsync(_key);
        var again = (await Grain(restarted).GetKeysAsync())[0];

        Assert.DoesNotContain("PRIVATE KEY", stored, StringComparison.Ordinal);
        Assert.Contains("aes256gcm:v1:", stored, StringComparison.Ordinal);
        Assert.Equal(first, again);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(again.PrivateKeyPem);
    }

    [Fact]
    public async Task GetKeysAsync_KeysStoredEncryptedButNoOrAnotherKeySet_FailsNamingTheSetting()
    {
        await using (var silo = await StartAsync(_key))
        {
            await Grain(silo).GetKeysAsync();
        }

        await using var withoutKey = await StartAsync(encryptionKey: null);
        var missing = await Assert.ThrowsAnyAsync<Exception>(() => Grain(withoutKey).GetKeysAsync());
        await using var withOtherKey = await StartAsync(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var wrong = await Assert.ThrowsAnyAsync<Exception>(() => Grain(withOtherKey).GetKeysAsync());

        Assert.Contains("Identity:SigningKeys:EncryptionKey", missing.Message, StringComparison.Ordinal);
        Assert.Contains("Identity:SigningKeys:EncryptionKey", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKeysAsync_KeysStoredAsPemThenAKeyIsSet_EncryptsThem()
    {
        SigningKeyInfo first;
        await using (var silo = await StartAsync(encryptionKey: null))
        {
            first = (await Grain(silo).GetKeysAsync())[0];
        }

        Assert.Contains("PRIVATE KEY", await StoredPayloadAsync(), StringComparison.Ordinal);
        await using var protectedSilo = await StartAsync(_key);
        var again = (await Grain(protectedSilo).GetKeysAsync())[0];

        Assert.Equal(first, again);
        Assert.DoesNotContain("PRIVATE KEY", await StoredPayloadAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Protect_CiphertextMovedToAnotherKeyId_DoesNotDecrypt()
    {
        var protector = new SigningKeyProtector(Microsoft.Extensions.Options.Options.Create(new SigningKeyProtectionOptions { EncryptionKey = _key }));
        var key = new SigningKeyInfo("kid-1", "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var protectedKey = protector.Protect(key);

        Assert.Equal(key, protector.Unprotect(protectedKey));
        Assert.Throws<InvalidOperationException>(() => protector.Unprotect(protectedKey with { KeyId = "kid-2" }));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    private static ISigningKeysGrain Grain(TestSilo silo) => silo.GrainFactory.GetGrain<ISigningKeysGrain>(SigningKeyLimits.GrainKey);

    private Task<TestSilo> StartAsync(string? encryptionKey) => TestSilo.StartAsync(configureSilo: silo =>
    {
        silo.AddSqliteGrainStorage(GrainStorageNames.Default, options => options.FilePath = _database);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:SigningKeys:EncryptionKey"] = encryptionKey })
            .Build();
        silo.Services.AddGrainServices(configuration);
    });

    private async Task<string> StoredPayloadAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = 'signing-keys'";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
