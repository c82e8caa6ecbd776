using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cluster.Grains.Interfaces.Plugins;
using Cluster.Grains.Users;
using Cluster.Runtime.Core;
using NJsonSchema;

namespace Cluster.Grains.Plugins;

/// <summary>
/// Reads and changes a plugin's settings on its service; being one activation per plugin, two changes never validate
/// against the same settings, so neither can slip a document past the schema that the pair would break.
/// </summary>
[GrainType("plugin-settings")]
public sealed class PluginSettingsGrain(PluginServiceClient client) : Grain, IPluginSettingsGrain
{
    private (string Text, JsonSchema Schema)? _schema;

    public async Task<PluginSettingsResult> GetAsync(Uri baseUrl, PluginManifestInfo manifest, CancellationToken cancellationToken = default)
    {
        if (manifest.SettingsSchema is null)
        {
            return Failed(PluginSettingsOutcome.NoSettings, "The plugin declares no settings.");
        }

        var (current, failure) = await ReadCurrentAsync(baseUrl, cancellationToken);
        return failure ?? Ok(current!, manifest, []);
    }

    public async Task<PluginSettingsResult> UpdateAsync(Uri baseUrl, PluginManifestInfo manifest, string patch, CancellationToken cancellationToken = default)
    {
        if (manifest.SettingsSchema is null)
        {
            return Failed(PluginSettingsOutcome.NoSettings, "The plugin declares no settings.");
        }

        if (patch.Length > client.MaxSettingsBytes)
        {
            return Failed(PluginSettingsOutcome.Invalid, $"The change is larger than {client.MaxSettingsBytes} bytes (Plugins:MaxSettingsBytes).");
        }

        if (ParseObject(patch) is not { } patchObject)
        {
            return Failed(PluginSettingsOutcome.Invalid, "The change must be a JSON object (a JSON Merge Patch, RFC 7396) of the settings to set; null removes one.");
        }

        SettingsDocument.RemoveMaskedSecrets(patchObject, manifest.SecretFields);
        var (current, failure) = await ReadCurrentAsync(baseUrl, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var merged = JsonMergePatch.Apply(current, patchObject)!;
        var errors = (await SchemaOf(manifest.SettingsSchema)).Validate(merged.ToJsonString());
        if (errors.Count > 0)
        {
            return new PluginSettingsResult(
                PluginSettingsOutcome.Invalid,
                null,
                [.. errors.Select(error => $"{(string.IsNullOrEmpty(error.Path) ? "#" : error.Path)}: {error.Kind}")],
                []);
        }

        var reply = await client.PatchSettingsAsync(baseUrl, patchObject.ToJsonString(), cancellationToken);
        if (reply.Status is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError && reply.Failure is null)
        {
            return Failed(PluginSettingsOutcome.Rejected, $"The service refused the change ({(int)reply.Status}){MessageOf(reply.Body)}");
        }

        return FailureOf(reply, "PATCH") ?? (ParseObject(reply.Body!) is { } updated
            ? Ok(updated, manifest, SettingsDocument.ChangedFields(patchObject))
            : Failed(PluginSettingsOutcome.ServiceFailed, "The service's answer to PATCH /plugin/settings is not a JSON object."));
    }

    private async Task<(JsonObject? Settings, PluginSettingsResult? Failure)> ReadCurrentAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        var reply = await client.GetSettingsAsync(baseUrl, cancellationToken);
        if (FailureOf(reply, "GET") is { } failure)
        {
            return (null, failure);
        }

        return ParseObject(reply.Body!) is { } settings
            ? (settings, null)
            : (null, Failed(PluginSettingsOutcome.ServiceFailed, "The service's answer to GET /plugin/settings is not a JSON object."));
    }

    private async Task<JsonSchema> SchemaOf(string schemaText)
    {
        if (_schema is not { } cached || cached.Text != schemaText)
        {
            cached = (schemaText, await JsonSchema.FromJsonAsync(schemaText));
            _schema = cached;
        }

        return cached.Schema;
    }

    private static PluginSettingsResult? FailureOf(ServiceReply reply, string method) => reply switch
    {
        { TimedOut: true } => Failed(PluginSettingsOutcome.ServiceTimedOut, reply.Failure!),
        { Failure: not null } => Failed(PluginSettingsOutcome.ServiceFailed, reply.Failure),
        { IsSuccess: false } => Failed(PluginSettingsOutcome.ServiceFailed, $"{method} /plugin/settings answered {(int)reply.Status!}."),
        _ => null,
    };

    private static PluginSettingsResult Ok(JsonObject settings, PluginManifestInfo manifest, IReadOnlyList<string> changed) =>
        new(PluginSettingsOutcome.Ok, SettingsDocument.Mask(settings, manifest.SecretFields).ToJsonString(), [], changed);

    private static PluginSettingsResult Failed(PluginSettingsOutcome outcome, string error) => new(outcome, null, [error], []);

    private static JsonObject? ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Only the message member of the service's answer (detail, message or error), never the body as it is: a body could
    // carry settings, secrets among them.
    private static string MessageOf(string? body)
    {
        var answer = body is null ? null : ParseObject(body);
        var message = answer is null ? null
            : new[] { "detail", "message", "error" }.Select(name => answer[name]).OfType<JsonValue>()
                .Select(value => value.TryGetValue<string>(out var text) ? text : null).FirstOrDefault(text => !string.IsNullOrWhiteSpace(text));
        return message is null ? "." : $": {(message.Length <= 300 ? message : message[..300])}";
    }
}
