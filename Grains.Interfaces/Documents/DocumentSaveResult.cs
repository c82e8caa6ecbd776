namespace Cluster.Grains.Interfaces.Documents;

/// <summary>The version saved, or null when the document belongs to another user.</summary>
public sealed record DocumentSaveResult(DocumentVersionInfo? Saved);
