namespace Cluster.ApiHost.Sockets;

/// <summary>One package of the <c>/web</c> protocol. Registered as a singleton; called for one request at a time per connection.</summary>
public interface IPackageHandler
{
    /// <summary>The <c>pkg_id</c> it answers.</summary>
    int PackageId { get; }

    /// <summary>A short name, for the package list and logs.</summary>
    string Name { get; }

    /// <summary>What it does, for the package list.</summary>
    string Description { get; }

    /// <summary>The roles the caller needs, all of them (<c>admin</c>, <c>user</c>); none for any signed-in caller.</summary>
    IReadOnlyList<string> RequiredRoles { get; }

    /// <summary>The JSON Schema <c>data</c> must match (draft 7), checked before <see cref="HandleAsync"/>.</summary>
    string DataSchema { get; }

    /// <summary>Answers one request whose data matched <see cref="DataSchema"/>.</summary>
    Task<PackageReply> HandleAsync(PackageCall call, CancellationToken cancellationToken);
}
