using Cluster.Grains.Interfaces.Widgets;

namespace Cluster.ApiHost.Widgets;

/// <summary>A registered bundle as clients see it, with the URL its files are served under.</summary>
public sealed record WidgetBundleResponse(
    string Package, string Version, string Integrity, IReadOnlyList<string> Files, long Bytes, DateTimeOffset RegisteredAt, string FilesUrl)
{
    public static WidgetBundleResponse From(WidgetBundleInfo bundle) =>
        new(bundle.Package, bundle.Version, bundle.Integrity, bundle.Files, bundle.ExtractedBytes, bundle.RegisteredAt, $"/api/widgets/{bundle.Package}/{bundle.Version}/files/");
}
