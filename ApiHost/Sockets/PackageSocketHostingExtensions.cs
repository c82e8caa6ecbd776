using Cluster.ApiHost.Sockets.Packages;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Sockets;

/// <summary>Registers the WebSocket package protocol and its packages.</summary>
public static class PackageSocketHostingExtensions
{
    public static WebApplicationBuilder AddPackageSockets(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PackageSocketOptions>().Bind(builder.Configuration.GetSection(PackageSocketOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PackageSocketOptions>, PackageSocketOptionsValidator>();
        services.AddSingleton<IPackageHandler, ListChatsPackage>();
        services.AddSingleton<IPackageHandler, PageChatsPackage>();
        services.AddSingleton<IPackageHandler, CreateChatPackage>();
        services.AddSingleton<IPackageHandler, SendMessagePackage>();
        services.AddSingleton<IPackageHandler, StopChatPackage>();
        services.AddSingleton<IPackageHandler, SubscribeChannelPackage>();
        services.AddSingleton<IPackageHandler, PublishChannelPackage>();
        services.AddSingleton<IPackageHandler, UnsubscribeChannelPackage>();
        services.AddSingleton<IPackageHandler, SearchUsersPackage>();
        services.AddSingleton<PackageRegistry>();
        services.AddSingleton<PackageSocketHost>();
        return builder;
    }
}
