using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Files;

/// <summary>An upload refusal as the frontend reads it: <c>{error}</c> (contract §3.6).</summary>
public sealed record UploadError([property: JsonPropertyName("error")] string Error);
