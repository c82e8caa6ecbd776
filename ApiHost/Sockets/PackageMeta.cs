using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Sockets;

/// <summary>The <c>meta</c> of a paginated answer.</summary>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PerPage">The page size asked for.</param>
/// <param name="Total">How many items there are in all.</param>
/// <param name="Pages">How many pages of <paramref name="PerPage"/> that makes.</param>
/// <param name="NextCursor">The cursor of the next page (opaque), or null on the last.</param>
/// <param name="HasMore">Whether more items follow.</param>
public sealed record PackageMeta(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("per_page")] int PerPage,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("pages")] long Pages,
    [property: JsonPropertyName("next_cursor")] string? NextCursor,
    [property: JsonPropertyName("has_more")] bool HasMore);
