namespace Cluster.Grains.Interfaces.Widgets;

/// <summary>A registered widget bundle: an npm package version pinned to the integrity it was verified with.</summary>
/// <param name="Package">The scoped npm package name, such as <c>@acme/clock</c>.</param>
/// <param name="Version">The package version.</param>
/// <param name="TarballUrl">Where the tarball is downloaded from (a host the API hosts allow).</param>
/// <param name="Integrity">The Subresource Integrity string (<c>sha512-…</c>) every download is checked against.</param>
/// <param name="Files">The bundle's files, relative paths with '/' separators.</param>
/// <param name="ExtractedBytes">The size of its files together.</param>
/// <param name="RegisteredBy">The id of the administrator who registered it.</param>
/// <param name="RegisteredAt">When it was registered.</param>
public sealed record WidgetBundleInfo(
    string Package,
    string Version,
    Uri TarballUrl,
    string Integrity,
    IReadOnlyList<string> Files,
    long ExtractedBytes,
    string RegisteredBy,
    DateTimeOffset RegisteredAt)
{
    /// <summary>The bundle's key in the registry: <c>{package}@{version}</c>.</summary>
    public string Key => KeyOf(Package, Version);

    /// <summary>The key of <paramref name="package"/> at <paramref name="version"/>.</summary>
    public static string KeyOf(string package, string version) => $"{package}@{version}";
}
