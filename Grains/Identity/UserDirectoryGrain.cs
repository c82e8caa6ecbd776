using System.Text.Json;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Grains.Identity;

[GrainType("user-directory")]
[StatelessWorker]
public sealed class UserDirectoryGrain(IServiceProvider services) : Grain, IUserDirectoryGrain
{
    private const string EmailProperty = "email";

    public async Task<UserPage> SearchAsync(string emailPrefix, string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emailPrefix);
        if (pageSize is < 1 or > IUserDirectoryGrain.MaxPageSize)
        {
            throw new ArgumentException($"The page size is {pageSize}; ask for 1 to {IUserDirectoryGrain.MaxPageSize}.", nameof(pageSize));
        }

        if (services.GetKeyedService<IGrainStorage>(GrainStorageNames.Default) is not IGrainStateQuery query)
        {
            throw new NotSupportedException("The silo's grain storage cannot be searched; use the PostgreSQL or SQLite provider.");
        }

        // One more than asked, to know whether another page follows.
        var found = await query.ListAsync(
            new StateListQuery(UserGrain.TypeName, UserGrain.StateName, EmailProperty, emailPrefix.Trim(), StateListCursor.Decode(cursor), pageSize + 1),
            cancellationToken);
        var users = found.Take(pageSize)
            .Select(state => (state.GrainKey, State: JsonSerializer.Deserialize<UserState>(state.Json, JsonSerializerOptions.Web)))
            .Where(user => user.State is { Exists: true })
            .Select(user => user.State!.ToInfo(user.GrainKey))
            .ToList();
        return new UserPage(users, found.Count > pageSize ? StateListCursor.Encode(found[pageSize - 1].Position) : null);
    }
}
