using Cluster.Dashboard.Endpoints;
using Cluster.Dashboard.Hosting;
using Cluster.Grains;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseSilo(silo => silo.AddGrainStorageFromConfiguration().AddGateway().AddClusteringFromConfiguration());
builder.Services.AddSiloHealthChecks();
builder.Services.AddClusterDashboard(builder.Configuration);
builder.AddOtlpExportWhenConfigured("cluster-silo");
builder.Services.AddGrainServices(builder.Configuration);

var app = builder.Build();
app.MapSiloHealthEndpoints();
app.MapMetricsEndpoint();
app.MapClusterDashboard();
app.Run();

/// <summary>The silo's entry point, visible to integration tests.</summary>
public partial class Program;
