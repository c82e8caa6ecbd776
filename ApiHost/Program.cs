using Cluster.ApiHost.Admin;
using Cluster.ApiHost.Channels;
using Cluster.ApiHost.Chats;
using Cluster.ApiHost.Demo;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.Plugins;
using Cluster.ApiHost.Preferences;
using Cluster.ApiHost.Sockets;
using Cluster.ApiHost.Widgets;
using Cluster.Dashboard.Endpoints;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCluster();
builder.AddApiPipeline();
builder.AddIdentityServices();
builder.AddChatServices();
builder.AddPluginServices();
builder.AddChannelServices();
builder.AddWidgetServices();
builder.AddPackageSockets();
builder.AddApiDocumentation();
builder.AddAdminCommand(args);

var app = builder.Build();
if (AdminCommand.IsRequested(args))
{
    await app.RunAdminCommandAsync(args);
    return;
}

app.UseApiPipeline();
app.MapApiDocumentation();
app.MapSiloHealthEndpoints();
app.MapMetricsEndpoint();
app.MapClusterDashboard();
app.MapDemoEndpoints();
app.MapIdentityEndpoints();
app.MapChatFeature();
app.MapPluginFeature();
app.MapPreferencesEndpoints();
app.MapConfigAndChannels();
app.MapWidgetEndpoints();
app.MapPackageSocketEndpoints();
app.Run();

/// <summary>The API host's entry point, visible to integration tests.</summary>
public partial class Program;
