using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Cluster.ApiHost.Tests;

/// <summary>Gives every request of a test host the client address <paramref name="address"/>, as a real connection would have.</summary>
public sealed class ClientAddressStartupFilter(IPAddress address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress = address;
            return following(context);
        });
        next(app);
    };

    /// <summary>A fresh address for one test, so its counts are its own.</summary>
    public static IPAddress NewAddress() => new([10, (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(1, 255)]);
}
