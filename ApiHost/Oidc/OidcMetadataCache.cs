using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Cluster.ApiHost.Oidc;

/// <summary>
/// One provider's discovery document and signing keys, read on first use and again every
/// <see cref="OidcProviderOptions.MetadataRefreshInterval"/>. A token signed with a key not yet known makes an earlier
/// read, at most once per <see cref="MinimumForcedRefreshInterval"/>, so rotated keys are picked up at once and a
/// stream of forged kids cannot hammer the provider. Concurrent reads are one; a failed read keeps serving the last
/// document that was read.
/// </summary>
/// <remarks>
/// Written here rather than using <c>ConfigurationManager</c>: its refresh on request runs in the background, so the
/// token that revealed a rotation would still be refused.
/// </remarks>
internal sealed partial class OidcMetadataCache(
    string metadataAddress, IDocumentRetriever documents, TimeSpan refreshInterval, TimeProvider timeProvider, ILogger logger)
{
    public static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>The longest one read of the discovery document and its keys may take.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _readAt;
    private DateTimeOffset _forcedAt = DateTimeOffset.MinValue;

    /// <summary>The document, read again when it is older than the refresh interval.</summary>
    /// <exception cref="InvalidOperationException">No document could be read yet (the provider was never reached).</exception>
    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) =>
        _current is { } current && timeProvider.GetUtcNow() - _readAt < refreshInterval
            ? Task.FromResult(current)
            : ReadAsync(forced: false, cancellationToken);

    /// <summary>
    /// The document read again now, for a token whose key is unknown; null when the last forced read was too recent,
    /// so nothing new can be learnt.
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> RefreshAsync(CancellationToken cancellationToken)
    {
        var seen = _readAt;
        if (timeProvider.GetUtcNow() - _forcedAt < MinimumForcedRefreshInterval)
        {
            return null;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            // Another request read it meanwhile: that is the fresh document.
            return _readAt != seen ? _current : await ReadLockedAsync(forced: true);
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task<OpenIdConnectConfiguration> ReadAsync(bool forced, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            return _current is { } current && timeProvider.GetUtcNow() - _readAt < refreshInterval
                ? current
                : await ReadLockedAsync(forced);
        }
        finally
        {
            _reading.Release();
        }
    }

    // The read is shared by every request waiting for it, so it runs under its own deadline, not the first
    // requester's: one client going away must neither fail the others nor use up the forced refresh.
    private async Task<OpenIdConnectConfiguration> ReadLockedAsync(bool forced)
    {
        var now = timeProvider.GetUtcNow();
        using var deadline = new CancellationTokenSource(ReadTimeout, timeProvider);
        try
        {
            _current = await OpenIdConnectConfigurationRetriever.GetAsync(metadataAddress, documents, deadline.Token);
            _readAt = now;
            return _current;
        }
        catch (Exception exception) when (_current is { } stale)
        {
            // The provider is down: its keys were valid a moment ago, and are tried again after a short while.
            LogServingStale(logger, metadataAddress, exception);
            _readAt = now - refreshInterval + MinimumForcedRefreshInterval;
            return stale;
        }
        finally
        {
            if (forced)
            {
                _forcedAt = now;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The discovery document at {Address} could not be read again; the last one read is used meanwhile")]
    private static partial void LogServingStale(ILogger logger, string address, Exception exception);
}
