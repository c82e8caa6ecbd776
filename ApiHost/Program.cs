using Cluster.ApiHost.Demo;
using Cluster.ApiHost.Hosting;
using Cluster.Runtime.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCluster();
builder.Services.AddApiProblemDetails();

var app = builder.Build();
app.UseApiExceptionHandler();
app.UseStatusCodePages();
app.MapSiloHealthEndpoints();
app.MapDemoEndpoints();
app.Run();

/// <summary>The API host's entry point, visible to integration tests.</summary>
public partial class Program;
