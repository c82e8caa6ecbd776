namespace Cluster.Grains.Interfaces.Documents;

/// <summary>Bounds of documents.</summary>
public static class DocumentLimits
{
    /// <summary>The most versions a document keeps; saving one more drops the oldest.</summary>
    public const int MaxVersions = 100;

    /// <summary>The longest title, in characters.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The largest content, in characters.</summary>
    public const int MaxContentLength = 512 * 1024;

    /// <summary>The most suggestions a document keeps.</summary>
    public const int MaxSuggestions = 500;
}
