using System.Net;

namespace Cluster.Grains.Plugins;

/// <summary>What one <c>GET /plugin/manifest</c> answer changes in a service's state.</summary>
public static class ManifestUpdate
{
    /// <summary>
    /// Applies <paramref name="reply"/> to <paramref name="state"/>: a valid manifest of new content is a new revision; a
    /// refused one is recorded as the error while the last valid manifest stays; 404 means the service is not (or no longer)
    /// a plugin. The result says what changed, for the grain to write and log.
    /// </summary>
    public static async Task<ManifestChange> ApplyAsync(ServiceState state, string serviceId, ServiceReply reply, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(reply);
        Interfaces.Plugins.PluginManifestInfo? manifest = null;
        string? error = null;
        if (reply.Status != HttpStatusCode.NotFound)
        {
            (manifest, error) = reply.IsSuccess
                ? await ManifestReader.ReadAsync(serviceId, reply.Body!)
                : (null, reply.Failure ?? $"GET /plugin/manifest answered {(int)reply.Status!}.");
        }

        if (error is not null)
        {
            var newError = error != state.ManifestError;
            state.ManifestError = error;
            return new ManifestChange(newError, newError ? error : null, NewRevision: false);
        }

        var errorCleared = state.ManifestError is not null;
        state.ManifestError = null;
        var fingerprint = manifest is null ? null : ManifestFingerprint.Of(manifest);
        if (fingerprint == state.ManifestFingerprint)
        {
            return new ManifestChange(errorCleared, null, NewRevision: false);
        }

        state.Manifest = manifest;
        state.ManifestFingerprint = fingerprint;
        state.ManifestRevision++;
        state.ManifestChangedAt = now;
        return new ManifestChange(Changed: true, null, NewRevision: true);
    }
}
