using System.Net;
using System.Net.Sockets;

namespace Cluster.Runtime.Benchmarks;

/// <summary>The accept loop of the benchmarks' bare echo servers: each connection, Nagle off, served on a task of its own.</summary>
internal static class LoopbackServer
{
    /// <summary>Listens on loopback <paramref name="port"/>, prints "ready", and serves connections until the process is killed.</summary>
    public static async Task ServeAsync(int port, Func<NetworkStream, Task> serve)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Console.WriteLine("ready");
        while (true)
        {
            var socket = await listener.AcceptSocketAsync();
            socket.NoDelay = true;
            _ = Task.Run(async () =>
            {
                await using var stream = new NetworkStream(socket, ownsSocket: true);
                await serve(stream);
            });
        }
    }
}
