using Cluster.Runtime.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseSilo(silo => silo.AddGrainStorageFromConfiguration());
builder.Services.AddSiloHealthChecks();

var app = builder.Build();
app.MapSiloHealthEndpoints();
app.Run();
