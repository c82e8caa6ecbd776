using System.Net;
using Cluster.Grains;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Reminders;
using Cluster.Runtime.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.ApiHost.Tests;

/// <summary>
/// Two silos on a fresh PostgreSQL database and two API hosts in client mode that find them through the membership
/// table: what a deployment looks like. Shared by the identity tests, each of which uses fresh accounts.
/// </summary>
public sealed class IdentityClusterFixture : IAsyncLifetime
{
    private readonly TestDatabases _databases = new();
    private TestCluster? _cluster;

    /// <summary>
    /// The silos' chat settings: the local development model at 100 words a second, 20-word answers (a message
    /// starting with <c>/words N</c> gets N), chunks persisted every 200 ms; the two usual models and one only for
    /// members of the group <see cref="RestrictedModelGroup"/>. Feature services are checked every second; channel producers
    /// may read from 127.0.0.1 and are re-applied every 2 s.
    /// </summary>
    public static readonly Dictionary<string, string?> SiloSettings = new()
    {
        ["Chat:Models:chat-model:Name"] = "Local development model",
        ["Chat:Models:chat-model-reasoning:Name"] = "Local development model (with reasoning)",
        ["Chat:Models:chat-model-reasoning:Reasoning"] = "true",
        ["Chat:Models:restricted-model:Name"] = "Restricted local model",
        ["Chat:Models:restricted-model:AllowedGroups"] = RestrictedModelGroup,
        ["Chat:Local:WordsPerSecond"] = "100",
        ["Chat:Local:ReplyWords"] = "20",
        ["Chat:PersistInterval"] = "00:00:00.200",
        ["Plugins:HealthCheckInterval"] = "00:00:01",
        ["Plugins:RequestTimeout"] = "00:00:02",
        ["Channels:Producers:AllowedHosts:0"] = "127.0.0.1",
        ["Channels:Producers:ReconcileInterval"] = "00:00:02",
    };

    /// <summary>The group whose members may use <c>restricted-model</c>.</summary>
    public const string RestrictedModelGroup = "Model Testers";

    /// <summary>The silos' shortest reminder period: short, for ticks within a test, and above one second, to test its refusal.</summary>
    public static readonly TimeSpan ReminderMinimumPeriod = TimeSpan.FromSeconds(2);

    /// <summary>The password hashing cost of the test hosts: the lowest allowed, to keep sign-ins fast.</summary>
    public const int PasswordIterations = 100_000;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("Started in InitializeAsync.");

    public WebApplicationFactory<Program> First { get; private set; } = null!;

    public WebApplicationFactory<Program> Second { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Where the API hosts write password reset mails (.eml files).</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "cluster-apihost-mail", Guid.NewGuid().ToString("N"));

    /// <summary>A client of <see cref="First"/> (or <see cref="Second"/>) that keeps no cookies: tests send them explicitly.</summary>
    public ApiClient Client(bool second = false) =>
        new((second ? Second : First).CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false }));

    /// <summary>Makes the account an administrator, as the admin command does.</summary>
    public async Task PromoteAsync(string userId)
    {
        var client = await Cluster.CreateClientAsync();
        await client.GetGrain<IUserGrain>(userId).SetRoleAsync(UserRole.Admin);
    }

    /// <summary>A fresh account made an administrator; its access token.</summary>
    public async Task<string> NewAdminAsync(ApiClient api)
    {
        var tokens = await api.RegisterNewAsync();
        await PromoteAsync(tokens.User.Id);
        return tokens.AccessToken;
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await _databases.CreateAsync();
        _cluster = await TestCluster.StartAsync(options =>
        {
            options.ConnectionString = ConnectionString;
            options.ConfigureSilo = silo =>
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(SiloSettings).Build();
                silo.Services.AddChatModels(configuration);
                silo.Services.AddPlugins(configuration);
                silo.Services.AddConfigsAndChannels(configuration);
                silo.Services.Configure<ReminderOptions>(reminders =>
                {
                    reminders.MinimumPeriod = ReminderMinimumPeriod;
                    reminders.RefreshPeriod = TimeSpan.FromSeconds(2);
                });
            };
        });
        First = CreateApiHost();
        Second = CreateApiHost();
    }

    /// <summary>Another API host of the cluster, with more settings; the caller disposes it.</summary>
    public WebApplicationFactory<Program> CreateApiHost(IReadOnlyDictionary<string, string?>? settings = null, IPAddress? clientAddress = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Cluster:Mode", "Client");
            builder.UseSetting("Membership:Postgres:ConnectionString", ConnectionString);
            builder.UseSetting("Membership:Postgres:ClusterId", Cluster.ClusterId);
            builder.UseSetting("Identity:PasswordHashing:Iterations", PasswordIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Identity:PasswordReset:PickupDirectory", MailDirectory);

            // Every test signs up from the same address; the rate limit tests start hosts with their own limits.
            foreach (var policy in (string[])["login", "register", "guest", "password-reset"])
            {
                builder.UseSetting($"RateLimiting:Policies:{policy}:Limit", "1000000");
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            if (clientAddress is not null)
            {
                builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ClientAddressStartupFilter(clientAddress)));
            }
        });

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _databases.DisposeAsync();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }
}
