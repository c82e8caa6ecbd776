using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Cluster.Runtime.Generators;

/// <summary>
/// A source location without its syntax tree: models that hold trees would differ on every edit and keep old
/// compilations alive, defeating the incremental cache.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
