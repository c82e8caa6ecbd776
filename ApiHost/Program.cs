using Cluster.ApiHost.Auth;
using Cluster.ApiHost.Demo;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.Users;
using Cluster.Runtime.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCluster();
builder.AddApiPipeline();
builder.AddIdentityServices();

var app = builder.Build();
app.UseApiPipeline();
app.MapSiloHealthEndpoints();
app.MapDemoEndpoints();
app.MapJwks();
app.MapAuthEndpoints();
app.MapPasswordEndpoints();
app.MapSessionEndpoints();
app.MapUserEndpoints();
app.Run();

/// <summary>The API host's entry point, visible to integration tests.</summary>
public partial class Program;
