namespace Cluster.ApiHost.Sockets;

/// <summary>
/// What reading an envelope gave: the request; or, when <c>pkg_id</c> and <c>req_id</c> could be read but not the
/// rest, a problem to answer with status 2; or, when they could not, a problem to close the connection with (1003).
/// </summary>
internal readonly record struct EnvelopeRead(PackageRequest? Request, int PackageId, string? RequestId, string? Problem)
{
    public static EnvelopeRead Read(PackageRequest request) => new(request, request.PackageId, request.RequestId, null);

    public static EnvelopeRead Answer(int packageId, string requestId, string problem) => new(null, packageId, requestId, problem);

    public static EnvelopeRead Close(string problem) => new(null, 0, null, problem);
}
