namespace Cluster.Grains.Interfaces.Documents;

/// <summary>One version of a document; a document is the list of its versions, oldest first.</summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="CreatedAt">When the version was saved, at millisecond precision; with the id, it names the version.</param>
/// <param name="Title">The version's title.</param>
/// <param name="Content">The version's content (text, code, a sheet's CSV, an image as base64).</param>
/// <param name="Kind">What the content is.</param>
/// <param name="OwnerId">The user the document belongs to.</param>
public sealed record DocumentVersionInfo(string DocumentId, DateTimeOffset CreatedAt, string Title, string Content, DocumentKind Kind, string OwnerId);
