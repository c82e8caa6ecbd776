using Cluster.ApiHost.Hosting;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Storage;
using Microsoft.AspNetCore.Http;

namespace Cluster.ApiHost.Tests.Hosting;

public sealed class ExceptionStatusTests
{
    public static TheoryData<Exception, int> Cases => new()
    {
        { new GrainStorageException("PostgreSQL is restarting"), StatusCodes.Status503ServiceUnavailable },
        { new GrainCallException("Npgsql.NpgsqlException", "Exception while reading from stream"), StatusCodes.Status503ServiceUnavailable },
        { new GrainCallException("Npgsql.PostgresException", "57P01: terminating connection due to administrator command"), StatusCodes.Status503ServiceUnavailable },
        { new GrainCallException("MyGrains.BrokenInvariantException", "bug"), StatusCodes.Status500InternalServerError },
        { new InvalidOperationException("bug"), StatusCodes.Status500InternalServerError },
        { new InvalidDataException("bad multipart"), StatusCodes.Status400BadRequest },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StatusOf_Exception_OutagesAre503BugsAre500(Exception exception, int status)
    {
        var answered = ProblemDetailsExtensions.StatusOf(exception);

        Assert.Equal(status, answered);
    }
}
