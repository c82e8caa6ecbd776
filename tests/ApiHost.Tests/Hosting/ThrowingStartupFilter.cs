using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Cluster.ApiHost.Tests.Hosting;

/// <summary>Ends the API host's pipeline, for requests no endpoint took, by throwing the given exception.</summary>
public sealed class ThrowingStartupFilter(Func<Exception> exception) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Run(_ => throw exception());
    };
}
