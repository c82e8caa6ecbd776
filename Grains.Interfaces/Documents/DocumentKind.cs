namespace Cluster.Grains.Interfaces.Documents;

/// <summary>What a document holds, as the chat frontend's artifacts know them.</summary>
public enum DocumentKind
{
    /// <summary>Prose.</summary>
    Text,

    /// <summary>Source code.</summary>
    Code,

    /// <summary>An image, as base64.</summary>
    Image,

    /// <summary>A spreadsheet, as CSV.</summary>
    Sheet,
}
