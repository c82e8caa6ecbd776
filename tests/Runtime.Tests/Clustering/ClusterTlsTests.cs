using System.Net.Sockets;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Storage;
using Cluster.Runtime.Transport;

namespace Cluster.Runtime.Tests.Clustering;

public sealed class ClusterTlsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private readonly TestCertificates _certificates = new();

    [Fact]
    public async Task Call_TlsOnEverySiloAndClient_ReachesGrainsOnBothSilos()
    {
        var (pfx, authority) = _certificates.Create("cluster", password: "secret");
        await using var cluster = await StartClusterAsync(tls => Use(tls, pfx, "secret", authority));
        var client = await cluster.CreateClientAsync();
        var keys = Enumerable.Range(0, 20).Select(_ => Probe.NewKey("ledger")).ToList();

        var fromSilo = await Task.WhenAll(keys.Select(key => cluster.Silos[0].GrainFactory.GetGrain<ILedgerGrain>(key).WhereAsync()));
        var fromClient = await Task.WhenAll(keys.Select(key => client.GetGrain<ILedgerGrain>(key).WhereAsync()));

        Assert.Equal(2, fromSilo.Distinct().Count());
        Assert.Equal(fromSilo, fromClient);
    }

    [Fact]
    public async Task Connect_PlainTcpClientToTlsSilo_IsRefusedAndCallsFail()
    {
        var (pfx, authority) = _certificates.Create("cluster");
        await using var cluster = await StartClusterAsync(tls => Use(tls, pfx, null, authority), silos: 1);

        var client = await cluster.CreateClientAsync(transport: _ => { });

        Assert.False(((Client.ClusterClient)client).IsConnected);
        var exception = Assert.Throws<InvalidOperationException>(() => client.GetGrain<ILedgerGrain>(Probe.NewKey("ledger")));
        Assert.Contains("No gateway is connected", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ClientCertificateFromAnotherAuthority_IsRefused()
    {
        var (pfx, authority) = _certificates.Create("cluster");
        var (intruder, _) = _certificates.Create("intruder");
        await using var cluster = await StartClusterAsync(tls => Use(tls, pfx, null, authority), silos: 1);

        // The intruder trusts the silo, but the silo does not trust the intruder.
        var client = await cluster.CreateClientAsync(transport: options => Use(options.Tls, intruder, null, authority));

        Assert.False(((Client.ClusterClient)client).IsConnected);
        Assert.Throws<InvalidOperationException>(() => client.GetGrain<ILedgerGrain>(Probe.NewKey("ledger")));
    }

    [Fact]
    public async Task Connect_RawBytesToTlsGateway_ConnectionIsClosedWithoutAFrame()
    {
        var (pfx, authority) = _certificates.Create("cluster");
        await using var cluster = await StartClusterAsync(tls => Use(tls, pfx, null, authority), silos: 1);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", TestCluster.AddressOf(cluster.Silos[0]).Port);

        // A plain frame header where a TLS ClientHello belongs.
        await socket.SendAsync(new byte[] { 5, 0, 0, 0, 1, 0, 0, 0, 0 });
        var buffer = new byte[1024];
        var received = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await socket.ReceiveAsync(buffer, deadline.Token) is var read && read > 0)
        {
            received += read;
        }

        // At most a TLS alert record (content type 21); never a frame.
        Assert.True(received == 0 || buffer[0] == 21, $"the silo answered {received} bytes starting {buffer[0]}");
    }

    public void Dispose() => _certificates.Dispose();

    private static void Use(TransportTlsOptions tls, string certificate, string? password, string authority)
    {
        tls.CertificatePath = certificate;
        tls.CertificatePassword = password;
        tls.CertificateAuthorityPath = authority;
    }

    private Task<TestCluster> StartClusterAsync(Action<TransportTlsOptions> tls, int silos = 2) =>
        TestCluster.StartAsync(options =>
        {
            options.ConnectionString = database.ConnectionString;
            options.InitialSilos = silos;
            options.Transport = transport => tls(transport.Tls);
        });
}
