using System.Text.Json;
using NJsonSchema;

namespace Cluster.ApiHost.Sockets;

/// <summary>The registered packages by <c>pkg_id</c>, their schemas compiled once.</summary>
public sealed class PackageRegistry
{
    private readonly Dictionary<int, (IPackageHandler Handler, JsonSchema Schema)> _packages = [];

    public PackageRegistry(IEnumerable<IPackageHandler> handlers)
    {
        foreach (var handler in handlers)
        {
            if (_packages.TryGetValue(handler.PackageId, out var taken))
            {
                throw new InvalidOperationException($"Packages {taken.Handler.Name} and {handler.Name} both claim pkg_id {handler.PackageId}; give each its own.");
            }

            // Parsing a schema with no external references completes synchronously; this runs once, at start.
            _packages[handler.PackageId] = (handler, JsonSchema.FromJsonAsync(handler.DataSchema).GetAwaiter().GetResult());
        }
    }

    /// <summary>The handler of <paramref name="packageId"/>, or null.</summary>
    public IPackageHandler? Find(int packageId) => _packages.TryGetValue(packageId, out var package) ? package.Handler : null;

    /// <summary>What is wrong with <paramref name="data"/> for <paramref name="packageId"/>'s schema: none when it matches.</summary>
    public IReadOnlyList<PackageSchemaError> Validate(int packageId, JsonElement data) =>
        [.. _packages[packageId].Schema.Validate(data.GetRawText()).Select(PackageSchemaError.From)];

    /// <summary>Every package, by id.</summary>
    public IEnumerable<PackageInfoResponse> Describe() => _packages.Values
        .OrderBy(package => package.Handler.PackageId)
        .Select(package => new PackageInfoResponse(
            package.Handler.PackageId, package.Handler.Name, package.Handler.Description, package.Handler.RequiredRoles,
            JsonDocument.Parse(package.Handler.DataSchema).RootElement.Clone()));
}
