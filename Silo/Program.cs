using Cluster.Grains;
using Cluster.Runtime.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseSilo(silo => silo.AddGrainStorageFromConfiguration().AddGateway().AddClusteringFromConfiguration());
builder.Services.AddSiloHealthChecks();
builder.Services.AddGrainServices(builder.Configuration);

var app = builder.Build();
app.MapSiloHealthEndpoints();
app.Run();

/// <summary>The silo's entry point, visible to integration tests.</summary>
public partial class Program;
