using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Feedback;

/// <summary><c>{"ok": true}</c>.</summary>
public sealed record OkResponse([property: JsonPropertyName("ok")] bool Ok);
