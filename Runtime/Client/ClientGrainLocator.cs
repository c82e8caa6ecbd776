using Cluster.Runtime.Core;
using Cluster.Runtime.Directory;

namespace Cluster.Runtime.Client;

/// <summary>
/// Where a client finds the silo that hosts a grain: its own cache of directory lookups, filled from the PostgreSQL
/// directory on a miss. Stale entries are dropped when a silo answers that it forwarded a call, so the next call
/// looks the grain up again. A lookup that fails leaves the call to the gateways, which resolve it themselves.
/// </summary>
internal sealed class ClientGrainLocator(IGrainDirectory directory)
{
    public GrainDirectoryCache Cache { get; } = new();

    public async Task<GrainAddress?> LookupAsync(GrainId grainId)
    {
        try
        {
            if (await directory.LookupAsync(grainId, CancellationToken.None) is { } address)
            {
                Cache.Put(address);
                return address;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The gateway the call goes to instead resolves the grain itself.
        }

        return null;
    }
}
